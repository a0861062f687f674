import { Module } from '@nestjs/common';
import { CatalogWorkersModule } from '@techmarket/catalog';
import { ContractsWorkersModule } from '@techmarket/contracts';
import { PolicyWorkersModule } from '@techmarket/policy';
import { MonitoringWorkersModule } from '@techmarket/monitoring';
import { MatchingWorkersModule } from '@techmarket/matching';
import { RollupWorkersModule } from '@techmarket/rollup';
import { CampaignsWorkersModule } from '@techmarket/campaigns';
import { AppConfigModule, DatabaseModule, JobsModule, LoggingModule, RedisModule } from '@techmarket/core';
import { ClsModule } from 'nestjs-cls';

/** The background worker: BullMQ processors only, no HTTP. Run as many as needed. */
@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    // Services shared with the API read the request context; in a job there is none (no principal).
    ClsModule.forRoot({ global: true }),
    DatabaseModule,
    RedisModule,
    JobsModule.forRoot({ workers: true }),
    CatalogWorkersModule,
    ContractsWorkersModule,
    PolicyWorkersModule,
    MonitoringWorkersModule,
    MatchingWorkersModule,
    RollupWorkersModule,
    CampaignsWorkersModule,
  ],
})
export class WorkerModule {}
