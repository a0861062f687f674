import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { ClsModule } from 'nestjs-cls';
import {
  AccountsModule,
  AppConfigModule,
  AppConfigService,
  AuditModule,
  AuthGuard,
  DatabaseModule,
  HealthModule,
  IamModule,
  JobsModule,
  LoggingModule,
  OrganizationsModule,
  ProblemFilter,
  RedisModule,
  RedisStore,
  RedisThrottlerStorage,
  TenancyModule,
} from '@techmarket/core';
import { CatalogModule, CatalogWorkersModule } from '@techmarket/catalog';
import { ContractsModule, ContractsWorkersModule } from '@techmarket/contracts';
import { PolicyModule, PolicyWorkersModule } from '@techmarket/policy';
import { RollupModule, RollupWorkersModule } from '@techmarket/rollup';
import { MonitoringModule, MonitoringWorkersModule } from '@techmarket/monitoring';
import { MatchingModule, MatchingWorkersModule } from '@techmarket/matching';
import { CampaignsModule, CampaignsWorkersModule } from '@techmarket/campaigns';

/** The HTTP API. Background processors run in apps/worker unless `workers` is set (demo). */
@Module({})
export class AppModule {
  static forRoot(options: { workers: boolean }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule,
        LoggingModule,
        ClsModule.forRoot({
          global: true,
          middleware: {
            mount: true,
            setup: (cls, req: { id?: string }) => cls.set('requestId', req.id),
          },
        }),
        DatabaseModule,
        RedisModule,
        JobsModule.forRoot({ workers: options.workers }),
        ThrottlerModule.forRootAsync({
          inject: [RedisStore, AppConfigService],
          useFactory: (redis: RedisStore, config: AppConfigService) => ({
            throttlers: [{ name: 'default', ttl: 60_000, limit: config.get('RATE_LIMIT_PER_MINUTE') }],
            storage: new RedisThrottlerStorage(redis),
          }),
        }),
        IamModule,
        TenancyModule,
        OrganizationsModule,
        AccountsModule,
        AuditModule,
        HealthModule,
        // The bounded contexts; each registers its permissions, messages and queues with core.
        CatalogModule,
        ContractsModule,
        PolicyModule,
        RollupModule,
        MonitoringModule,
        MatchingModule,
        CampaignsModule,
        ...(options.workers
          ? [
              CatalogWorkersModule,
              ContractsWorkersModule,
              PolicyWorkersModule,
              MonitoringWorkersModule,
              MatchingWorkersModule,
              RollupWorkersModule,
              CampaignsWorkersModule,
            ]
          : []),
      ],
      providers: [
        // Order matters: rate limit first, then authentication and the CASL check.
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useExisting: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
