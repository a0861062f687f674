import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, IdParam } from '@techmarket/core';
import { FindingAction, FindingsQuery, RulesQuery, ScanQuery, SetRule } from './dto/monitoring.dto.js';
import { MonitoringService } from './monitoring.service.js';

@ApiTags('monitoring 异常监测')
@ApiBearerAuth()
@Controller('monitoring')
export class MonitoringController {
  constructor(@Inject(MonitoringService) private readonly monitoring: MonitoringService) {}

  @Get('findings')
  @Authorize('read', 'MonitoringFinding')
  @ApiOperation({ summary: '异常监测待核查队列（本级及下级），含评分与原因' })
  list(@Query() q: FindingsQuery) {
    return this.monitoring.list(q);
  }

  @Get('findings/:id')
  @Authorize('read', 'MonitoringFinding')
  @ApiOperation({ summary: '一条异常监测记录' })
  get(@Param() p: IdParam) {
    return this.monitoring.get(p.id);
  }

  @Post('findings/:id/explain')
  @HttpCode(200)
  @Authorize('update', 'MonitoringFinding')
  @ApiOperation({ summary: '说明（本级及上级工作人员）：待处理 → 已说明' })
  explain(@Param() p: IdParam, @Body() body: FindingAction) {
    return this.monitoring.step(p.id, 'explain', body);
  }

  @Post('findings/:id/confirm')
  @HttpCode(200)
  @Authorize('review', 'MonitoringFinding')
  @ApiOperation({ summary: '确认异常：待处理 / 已说明 → 已确认异常' })
  confirm(@Param() p: IdParam, @Body() body: FindingAction) {
    return this.monitoring.step(p.id, 'confirm', body);
  }

  @Post('findings/:id/close')
  @HttpCode(200)
  @Authorize('review', 'MonitoringFinding')
  @ApiOperation({ summary: '关闭：已说明 / 已确认异常 → 已关闭' })
  close(@Param() p: IdParam, @Body() body: FindingAction) {
    return this.monitoring.step(p.id, 'close', body);
  }

  @Get('rules')
  @Authorize('read', 'MonitoringRule')
  @ApiOperation({ summary: '监测规则：说明、默认阈值与本级生效阈值（及其设置层级）' })
  rules(@Query() q: RulesQuery) {
    return this.monitoring.rules(q);
  }

  @Put('rules/:rule')
  @Authorize('update', 'MonitoringRule')
  @ApiOperation({ summary: '设置本级（及未自行设置的下级）某规则的阈值或停用（本级管理员）' })
  setRule(@Param('rule') rule: string, @Body() body: SetRule) {
    return this.monitoring.setRule(rule, body);
  }

  @Post('scans')
  @HttpCode(202)
  @Authorize('create', 'MonitoringScan')
  @ApiOperation({ summary: '立即扫描（省平台管理员）；每日 02:30 亦自动扫描' })
  scan() {
    return this.monitoring.requestScan();
  }

  @Get('scans')
  @Authorize('create', 'MonitoringScan')
  @ApiOperation({ summary: '定时扫描计划与手动扫描任务的状态（省平台管理员）' })
  scans(@Query() q: ScanQuery) {
    return this.monitoring.scans(q.jobId);
  }
}
