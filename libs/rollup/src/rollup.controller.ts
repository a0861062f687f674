import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Authorize, IdParam } from '@techmarket/core';
import { KpiQuery, ReportsQuery, RequestReport, SetTarget, StatisticsQuery, TargetsQuery } from './dto/rollup.dto.js';
import { ReportsService, XLSX_TYPE } from './reports.service.js';
import { RollupService } from './rollup.service.js';

@ApiTags('rollup 统计汇总')
@ApiBearerAuth()
@Controller('rollup')
export class RollupController {
  constructor(
    @Inject(RollupService) private readonly rollup: RollupService,
    @Inject(ReportsService) private readonly reports: ReportsService,
  ) {}

  @Get('statistics')
  @Authorize('read', 'RollupStatistic')
  @ApiOperation({
    summary: '已登记技术合同统计：登记、技术输出、技术吸纳，按合同类型、领域、买卖方类别、下级租户和就地转化分组（本级及下级）',
  })
  statistics(@Query() q: StatisticsQuery) {
    return this.rollup.statistics(q);
  }

  @Get('kpis')
  @Authorize('read', 'RollupStatistic')
  @ApiOperation({ summary: '考核指标：本年实际、上年同期、同比、目标与是否达标（本级及各下级）' })
  kpis(@Query() q: KpiQuery) {
    return this.rollup.kpis(q);
  }

  @Get('targets')
  @Authorize('read', 'RollupTarget')
  @ApiOperation({ summary: '考核目标（本级及下级）' })
  targets(@Query() q: TargetsQuery) {
    return this.rollup.listTargets(q);
  }

  @Put('targets')
  @Authorize('update', 'RollupTarget')
  @ApiOperation({ summary: '设置某租户某年度某指标的目标（省平台管理员）' })
  setTarget(@Body() body: SetTarget) {
    return this.rollup.setTarget(body);
  }

  @Post('rebuild')
  @HttpCode(200)
  @Authorize('update', 'RollupStatistic')
  @ApiOperation({ summary: '由已登记合同重新计算全部统计（省平台管理员）' })
  rebuild() {
    return this.rollup.rebuild();
  }

  @Post('reports')
  @HttpCode(202)
  @Authorize('create', 'RollupReport')
  @ApiOperation({ summary: '生成本级某月（2025-03）或某年（2025）的统计通报（本级管理员）；生成后以 XLSX 附件邮寄本级管理员' })
  requestReport(@Body() body: RequestReport) {
    return this.reports.request(body);
  }

  @Get('reports')
  @Authorize('read', 'RollupReport')
  @ApiOperation({ summary: '统计通报列表（本级及下级；每月 1 日出上月月报，1 月 1 日出上年年报）' })
  listReports(@Query() q: ReportsQuery) {
    return this.reports.list(q);
  }

  @Get('reports/:id.xlsx')
  @Authorize('read', 'RollupReport')
  @ApiProduces(XLSX_TYPE)
  @ApiOperation({ summary: '统计通报（XLSX，与邮寄的附件相同）' })
  async reportXlsx(@Param() p: IdParam) {
    const { file, filename } = await this.reports.xlsx(p.id);
    return new StreamableFile(file, { type: XLSX_TYPE, disposition: `attachment; filename="${filename}"` });
  }

  @Get('reports/:id')
  @Authorize('read', 'RollupReport')
  @Header('content-type', 'text/html; charset=utf-8')
  @ApiProduces('text/html')
  @ApiOperation({ summary: '统计通报（可打印的中文网页）' })
  reportHtml(@Param() p: IdParam) {
    return this.reports.html(p.id);
  }
}
