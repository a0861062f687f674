import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { RedisStore } from '../redis/redis.module.js';
import { AUTHZ_EPOCH_KEY, onAuthzChange } from './authz-epoch.js';
import type { TenantTier } from '../tenancy/tenant.entity.js';
import type { Principal } from './principal.js';
import type { Role } from './roles.js';

interface PrincipalRow {
  user_id: string;
  username: string;
  tenant_id: string;
  tenant_code: string;
  tenant_tier: TenantTier;
  organization_id: string | null;
  roles: Role[];
  subtree: string[];
}

/** A cached principal lives at most this long even if the epoch never moves (a safety net). */
const CACHE_MS = 30_000;
const CACHE_MAX = 10_000;

/**
 * Loads the caller and its visible subtree in one indexed query (ltree `<@` on a GiST index),
 * cached per process under the authorisation epoch (authz-epoch.ts): one Redis GET per request
 * instead of a PostgreSQL query, and still current after any change to accounts or tenants.
 */
@Injectable()
export class PrincipalLoader {
  private readonly cache = new Map<string, { principal: Principal; epoch: string; at: number }>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(RedisStore) private readonly redis: RedisStore,
  ) {
    onAuthzChange(() => this.redis.client.incr(AUTHZ_EPOCH_KEY));
  }

  async load(userId: string): Promise<Principal | null> {
    // null only when Redis cannot answer: then read the database and cache nothing.
    const epoch = await this.redis.client
      .get(AUTHZ_EPOCH_KEY)
      .then((v) => v ?? '0')
      .catch(() => null);
    const hit = this.cache.get(userId);
    if (epoch !== null && hit && hit.epoch === epoch && Date.now() - hit.at < CACHE_MS) return hit.principal;
    const principal = await this.loadFromDatabase(userId);
    if (principal && epoch !== null) {
      if (this.cache.size >= CACHE_MAX) this.cache.clear();
      this.cache.set(userId, { principal, epoch, at: Date.now() });
    }
    return principal;
  }

  private async loadFromDatabase(userId: string): Promise<Principal | null> {
    const rows: PrincipalRow[] = await this.db.query(
      `SELECT u.id AS user_id, u.username, u.tenant_id, t.code AS tenant_code, t.tier AS tenant_tier,
              u.organization_id, u.roles,
              ARRAY(SELECT d.id FROM tenant d WHERE d.path <@ t.path) AS subtree
         FROM user_account u JOIN tenant t ON t.id = u.tenant_id
        WHERE u.id = $1 AND u.is_active`,
      [userId],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      userId: r.user_id,
      username: r.username,
      tenantId: r.tenant_id,
      tenantCode: r.tenant_code,
      tenantTier: r.tenant_tier,
      organizationId: r.organization_id,
      roles: r.roles,
      subtreeTenantIds: r.subtree,
    };
  }
}
