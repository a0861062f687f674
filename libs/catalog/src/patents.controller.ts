import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, IdParam } from '@techmarket/core';
import { CreatePatent, DeclareOpenLicence, LicenceParam, SearchPatentsQuery, UpdatePatent, WithdrawOpenLicence } from './dto/patent.dto.js';
import { PatentsService } from './patents.service.js';
import { CatalogService } from './catalog.service.js';

@ApiTags('patents 专利与开放许可')
@ApiBearerAuth()
@Controller('patents')
export class PatentsController {
  constructor(
    @Inject(PatentsService) private readonly patents: PatentsService,
    @Inject(CatalogService) private readonly catalog: CatalogService,
  ) {}

  @Get()
  @Authorize('read', 'Patent')
  @ApiOperation({ summary: '检索专利（可筛选开放许可、免费许可、IPC）' })
  search(@Query() q: SearchPatentsQuery) {
    return this.patents.search(q);
  }

  @Get(':id')
  @Authorize('read', 'Patent')
  @ApiOperation({ summary: '专利详情，含开放许可声明历史' })
  async get(@Param() p: IdParam) {
    return this.catalog.viewed('patent', await this.patents.get(p.id));
  }

  @Post()
  @Authorize('create', 'Patent')
  create(@Body() body: CreatePatent) {
    return this.patents.create(body);
  }

  @Patch(':id')
  @Authorize('update', 'Patent')
  update(@Param() p: IdParam, @Body() body: UpdatePatent) {
    return this.patents.update(p.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authorize('delete', 'Patent')
  async remove(@Param() p: IdParam) {
    await this.patents.remove(p.id);
  }

  @Post(':id/open-licences')
  @Authorize('license', 'Patent')
  @ApiOperation({ summary: '声明开放许可' })
  declare(@Param() p: IdParam, @Body() body: DeclareOpenLicence) {
    return this.patents.declare(p.id, body);
  }

  @Post(':id/open-licences/:licenceId/withdraw')
  @HttpCode(200)
  @Authorize('license', 'Patent')
  @ApiOperation({ summary: '撤回开放许可声明（保留历史）' })
  withdraw(@Param() p: LicenceParam, @Body() body: WithdrawOpenLicence) {
    return this.patents.withdrawLicence(p.id, p.licenceId, body.reason);
  }
}
