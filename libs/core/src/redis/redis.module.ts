import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfigService } from '../config/config.module.js';

/**
 * The shared Redis connection for state that must be the same in every process
 * (revoked access tokens, login failure counters, rate limits). Keys carry REDIS_PREFIX.
 */
@Injectable()
export class RedisStore implements OnApplicationShutdown {
  readonly client: Redis;
  readonly prefix: string;

  constructor(@Inject(AppConfigService) config: AppConfigService) {
    this.prefix = config.get('REDIS_PREFIX');
    this.client = new Redis(config.get('REDIS_URL'), {
      keyPrefix: `${this.prefix}:`,
      maxRetriesPerRequest: 2,
      enableOfflineQueue: true,
      lazyConnect: false,
      // Commands issued in the same tick go out in one write (e.g. a request's deny-list check and
      // authorisation epoch): on this machine a socket write costs more CPU than the command.
      enableAutoPipelining: true,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => undefined);
  }
}

@Global()
@Module({ providers: [RedisStore], exports: [RedisStore] })
export class RedisModule {}
