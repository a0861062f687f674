import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IamModule } from '@techmarket/core';
import './monitoring.registration.js';
import { monitoringEntities } from './entities/index.js';
import { MonitoringController } from './monitoring.controller.js';
import { MonitoringProcessor } from './monitoring.processor.js';
import { MonitoringService } from './monitoring.service.js';

/** 异常专利转让、许可数据监测: rules, the review queue, the tiers' thresholds. */
@Module({
  imports: [TypeOrmModule.forFeature(monitoringEntities), IamModule],
  controllers: [MonitoringController],
  providers: [MonitoringService],
  exports: [MonitoringService],
})
export class MonitoringModule {}

/** The scans (the worker app, or the API when it runs workers in-process). */
@Module({ imports: [MonitoringModule], providers: [MonitoringProcessor] })
export class MonitoringWorkersModule {}
