import { Inject, Injectable } from '@nestjs/common';
import { AppConfigService } from '../config/config.module.js';
import { ProblemException } from '../http/problem.exception.js';
import { RedisStore } from '../redis/redis.module.js';

/**
 * Counts failed logins per account in Redis (so all API processes share the count).
 * After LOGIN_MAX_FAILURES failures the account is locked for LOGIN_LOCK_SECONDS.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(RedisStore) private readonly redis: RedisStore,
    @Inject(AppConfigService) private readonly config: AppConfigService,
  ) {}

  private key(username: string): string {
    return `login-fail:${username.toLowerCase()}`;
  }

  async assertAllowed(username: string): Promise<void> {
    const key = this.key(username);
    const [count, ttl] = await Promise.all([this.redis.client.get(key), this.redis.client.ttl(key)]);
    if (Number(count ?? 0) >= this.config.get('LOGIN_MAX_FAILURES')) {
      const seconds = Math.max(ttl, 1);
      throw new ProblemException('LOGIN_THROTTLED', { seconds }, [], { 'retry-after': String(seconds) });
    }
  }

  async recordFailure(username: string): Promise<void> {
    const key = this.key(username);
    await this.redis.client.multi().incr(key).expire(key, this.config.get('LOGIN_LOCK_SECONDS')).exec();
  }

  async reset(username: string): Promise<void> {
    await this.redis.client.del(this.key(username));
  }
}
