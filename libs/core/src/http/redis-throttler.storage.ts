import type { ThrottlerStorage } from '@nestjs/throttler';
import type { RedisStore } from '../redis/redis.module.js';

interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

// One round trip: count the hit, and block the key once it is over the limit.
const SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
local blockTtl = redis.call('PTTL', KEYS[2])
if blockTtl <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blockTtl = tonumber(ARGV[3])
end
return {hits, ttl, blockTtl}
`;

/**
 * @nestjs/throttler storage in Redis, so the rate limit is the same whichever API process
 * answers (the in-memory default would give each process its own count).
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly redis: RedisStore) {
    // Sent as EVALSHA (ioredis loads the script once, on a NOSCRIPT reply): not the script's text on every request.
    if (!('throttleIncrement' in redis.client)) redis.client.defineCommand('throttleIncrement', { numberOfKeys: 2, lua: SCRIPT });
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const base = `throttle:${throttlerName}:${key}`;
    const client = this.redis.client as RedisStore['client'] & {
      throttleIncrement(hits: string, blocked: string, ttl: number, limit: number, block: number): Promise<[number, number, number]>;
    };
    const [hits, ttlMs, blockMs] = await client.throttleIncrement(base, `${base}:blocked`, ttl, limit, blockDuration || ttl);
    return {
      totalHits: hits,
      timeToExpire: Math.ceil(Math.max(ttlMs, 0) / 1000),
      isBlocked: blockMs > 0,
      timeToBlockExpire: Math.ceil(Math.max(blockMs, 0) / 1000),
    };
  }
}
