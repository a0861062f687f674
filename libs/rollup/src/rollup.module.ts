import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContractsModule } from '@techmarket/contracts';
import { AccountsModule, IamModule } from '@techmarket/core';
import './rollup.registration.js';
import { rollupEntities } from './entities/index.js';
import { RollupController } from './rollup.controller.js';
import { ReportsProcessor } from './reports.processor.js';
import { ReportsService } from './reports.service.js';
import { RollupService } from './rollup.service.js';
import { StatisticsCache } from './statistics-cache.js';

/** 省市县统计汇总: aggregates kept in the contracts' transactions, statistics, KPIs and targets, the rebuild, the periodic reports. */
@Module({
  imports: [TypeOrmModule.forFeature(rollupEntities), IamModule, AccountsModule, ContractsModule],
  controllers: [RollupController],
  providers: [RollupService, ReportsService, StatisticsCache],
  exports: [RollupService, ReportsService],
})
export class RollupModule {}

/** The reports' job (the worker app, or the API when it runs workers in-process). */
@Module({ imports: [RollupModule], providers: [ReportsProcessor] })
export class RollupWorkersModule {}
