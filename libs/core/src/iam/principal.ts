import type { TenantTier } from '../tenancy/tenant.entity.js';
import type { Role } from './roles.js';

/**
 * The authenticated caller as the permission layer sees it, loaded fresh on every request
 * (one query) so a role change or a deactivation takes effect at once.
 */
export interface Principal {
  userId: string;
  username: string;
  tenantId: string;
  tenantCode: string;
  tenantTier: TenantTier;
  organizationId: string | null;
  roles: Role[];
  /** The caller's tenant and all its descendants (the subtree it may see). */
  subtreeTenantIds: string[];
}
