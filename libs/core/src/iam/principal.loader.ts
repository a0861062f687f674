import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
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

/** Loads the caller and its visible subtree in one indexed query (ltree `<@` on a GiST index). */
@Injectable()
export class PrincipalLoader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async load(userId: string): Promise<Principal | null> {
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
