import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../iam/authorize.decorator.js';
import { RedisStore } from '../redis/redis.module.js';

@ApiTags('health 健康检查')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(TypeOrmHealthIndicator) private readonly db: TypeOrmHealthIndicator,
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(RedisStore) private readonly redis: RedisStore,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'PostgreSQL 与 Redis 连通性' })
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
    ]);
  }
}
