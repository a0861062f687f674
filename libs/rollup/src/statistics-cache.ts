import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AUTHZ_EPOCH_KEY, RedisStore } from '@techmarket/core';
import type { DataSource } from 'typeorm';
import { onRollupChange, ROLLUP_VERSION_KEY, RollupVersionSubscriber } from './rollup-version.js';

/** At most this many answers per process (~20 KB each for a province-year: ≤ ~10 MB); past it the cache starts again. */
const CACHE_MAX = 500;
/** A safety net, as for cached principals: an answer lives at most this long even if the version never moves. */
const CACHE_MS = 30_000;

/**
 * The statistics route's answers per tenant code and month range, each under the roll-up version
 * and the authorisation epoch (tenant names and children) it was computed at. What the caller may
 * read is still checked on every request, by the route, on the tenant the answer is about.
 */
@Injectable()
export class StatisticsCache<T = unknown> implements OnModuleInit {
  private readonly answers = new Map<string, { version: string; tenantId: string; value: T; at: number }>();
  /** `ROLLUP_STATISTICS_CACHE=off`: every request queries (only for the benchmark's uncached row). */
  private readonly enabled = process.env.ROLLUP_STATISTICS_CACHE !== 'off';

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(RedisStore) private readonly redis: RedisStore,
  ) {}

  onModuleInit(): void {
    onRollupChange(() => this.redis.client.incr(ROLLUP_VERSION_KEY));
    if (!this.ds.subscribers.some((s) => s instanceof RollupVersionSubscriber)) this.ds.subscribers.push(new RollupVersionSubscriber());
  }

  /** The current version, read before the sums are; null when Redis cannot answer (then nothing is reused or kept). */
  async version(): Promise<string | null> {
    if (!this.enabled) return null;
    try {
      const [rollup, authz] = await this.redis.client.mget(ROLLUP_VERSION_KEY, AUTHZ_EPOCH_KEY);
      return `${rollup ?? 0}.${authz ?? 0}`;
    } catch {
      return null;
    }
  }

  get(key: string, version: string | null): { tenantId: string; value: T } | undefined {
    const hit = this.answers.get(key);
    if (version === null || !hit || hit.version !== version || Date.now() - hit.at >= CACHE_MS) return undefined;
    return hit;
  }

  set(key: string, version: string | null, tenantId: string, value: T): void {
    if (version === null) return;
    if (this.answers.size >= CACHE_MAX) this.answers.clear();
    this.answers.set(key, { version, tenantId, value, at: Date.now() });
  }
}
