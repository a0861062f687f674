import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, IdParam } from '@techmarket/core';
import { ContractsService } from './contracts.service.js';
import { AmendContract, ListContractsQuery, RecordPayment, ReturnContract, SubmitContract, UpdateContract } from './dto/contract.dto.js';

@ApiTags('contracts 技术合同认定登记')
@ApiBearerAuth()
@Controller('contracts')
export class ContractsController {
  constructor(@Inject(ContractsService) private readonly contracts: ContractsService) {}

  @Get()
  @Authorize('read', 'TechContract')
  list(@Query() q: ListContractsQuery) {
    return this.contracts.list(q);
  }

  @Get(':id')
  @Authorize('read', 'TechContract')
  get(@Param() p: IdParam) {
    return this.contracts.get(p.id);
  }

  @Post()
  @Authorize('create', 'TechContract')
  @ApiOperation({ summary: '提交技术合同认定登记（合同当事方或技术经纪人）' })
  submit(@Body() body: SubmitContract) {
    return this.contracts.submit(body);
  }

  @Patch(':id')
  @Authorize('update', 'TechContract')
  @ApiOperation({ summary: '修改被退回的合同并重新提交' })
  update(@Param() p: IdParam, @Body() body: UpdateContract) {
    return this.contracts.update(p.id, body);
  }

  @Post(':id/register')
  @HttpCode(200)
  @Authorize('review', 'TechContract')
  @ApiOperation({ summary: '认定登记（卖方所在地登记机构），生成登记编号' })
  register(@Param() p: IdParam) {
    return this.contracts.register(p.id);
  }

  @Post(':id/return')
  @HttpCode(200)
  @Authorize('review', 'TechContract')
  @ApiOperation({ summary: '退回（须填写原因）' })
  return(@Param() p: IdParam, @Body() body: ReturnContract) {
    return this.contracts.returnContract(p.id, body.reason);
  }

  @Post(':id/amendments')
  @Authorize('submit', 'TechContract')
  @ApiOperation({ summary: '变更已登记的合同（生成待审核的变更合同）' })
  amend(@Param() p: IdParam, @Body() body: AmendContract) {
    return this.contracts.amend(p.id, body);
  }

  @Post(':id/payments')
  @Authorize('submit', 'TechContract')
  @ApiOperation({ summary: '登记到账金额' })
  pay(@Param() p: IdParam, @Body() body: RecordPayment) {
    return this.contracts.recordPayment(p.id, body);
  }
}
