import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContractsModule } from '@techmarket/contracts';
import { IamModule } from '@techmarket/core';
import './rollup.registration.js';
import { rollupEntities } from './entities/index.js';
import { RollupController } from './rollup.controller.js';
import { RollupService } from './rollup.service.js';

/** 省市县统计汇总: aggregates kept in the contracts' transactions, statistics, KPIs and targets, the rebuild. */
@Module({
  imports: [TypeOrmModule.forFeature(rollupEntities), IamModule, ContractsModule],
  controllers: [RollupController],
  providers: [RollupService],
  exports: [RollupService],
})
export class RollupModule {}
