import { Body, Controller, Get, HttpCode, Inject, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize } from '@techmarket/core';
import { KpiQuery, SetTarget, StatisticsQuery, TargetsQuery } from './dto/rollup.dto.js';
import { RollupService } from './rollup.service.js';

@ApiTags('rollup 统计汇总')
@ApiBearerAuth()
@Controller('rollup')
export class RollupController {
  constructor(@Inject(RollupService) private readonly rollup: RollupService) {}

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
}
