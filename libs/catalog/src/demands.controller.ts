import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, IdParam } from '@techmarket/core';
import { DemandsService } from './demands.service.js';
import { CatalogService } from './catalog.service.js';
import { CreateDemand, SearchDemandsQuery, UpdateDemand } from './dto/demand.dto.js';

@ApiTags('demands 企业需求')
@ApiBearerAuth()
@Controller('demands')
export class DemandsController {
  constructor(
    @Inject(DemandsService) private readonly demands: DemandsService,
    @Inject(CatalogService) private readonly catalog: CatalogService,
  ) {}

  @Get()
  @Authorize('read', 'Demand')
  @ApiOperation({ summary: '检索企业技术需求' })
  search(@Query() q: SearchDemandsQuery) {
    return this.demands.search(q);
  }

  @Get(':id')
  @Authorize('read', 'Demand')
  async get(@Param() p: IdParam) {
    return this.catalog.viewed('demand', await this.demands.get(p.id));
  }

  @Post()
  @Authorize('create', 'Demand')
  @ApiOperation({ summary: '发布企业需求（草稿）；县级服务中心可代本地企业发布' })
  create(@Body() body: CreateDemand) {
    return this.demands.create(body);
  }

  @Patch(':id')
  @Authorize('update', 'Demand')
  update(@Param() p: IdParam, @Body() body: UpdateDemand) {
    return this.demands.update(p.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authorize('delete', 'Demand')
  async remove(@Param() p: IdParam) {
    await this.demands.remove(p.id);
  }
}
