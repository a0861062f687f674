import { Controller, Get, Inject } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../iam/authorize.decorator.js';
import { queuesByName } from '../jobs/job-failures.js';
import { RedisStore } from '../redis/redis.module.js';
import { chinaYear } from '../time/china-time.js';
import { scheduleIsPublished } from '../time/working-days.js';

@ApiTags('health 健康检查')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(TypeOrmHealthIndicator) private readonly db: TypeOrmHealthIndicator,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(RedisStore) private readonly redis: RedisStore,
    @Inject(ModuleRef) private readonly modules: ModuleRef,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'PostgreSQL 与 Redis 连通性；工作日历是否已含国务院公布的本年与下一年放假安排；各队列最终失败的后台任务数' })
  check() {
    return this.health.check([
      () => this.db.pingCheck('postgres', { timeout: 2_000 }),
      async () => {
        const redis = this.indicators.check('redis');
        try {
          const pong = await Promise.race([
            this.redis.client.ping(),
            new Promise<string>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000)),
          ]);
          return pong === 'PONG' ? redis.up() : redis.down({ message: pong });
        } catch (e) {
          return redis.down({ message: (e as Error).message });
        }
      },
      // Deadlines count working days; a year without the published schedule counts statutory
      // holidays only (no 调休). Reported, not failed: the service works, an operator upgrades
      // `chinese-days` when the State Council publishes the next year.
      () => {
        const year = chinaYear(new Date());
        const schedule = (y: number) => (scheduleIsPublished(y) ? 'published' : 'statutory-holidays-only');
        return this.indicators.check('calendar').up({ [year]: schedule(year), [year + 1]: schedule(year + 1) });
      },
      // Jobs that failed their last attempt, per queue (kept in Redis for inspection and retry).
      // Reported, not failed: an instance with a failed job still serves.
      async () => {
        const counts = await Promise.all(queuesByName(this.modules).map(async (q) => [q.name, await q.getFailedCount()] as const));
        return this.indicators.check('jobs').up({ failed: Object.fromEntries(counts) });
      },
    ]);
  }
}
