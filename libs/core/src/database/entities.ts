import { AuditLogEntry } from '../audit/audit-log.entity.js';
import { RefreshToken } from '../iam/refresh-token.entity.js';
import { DomainEventOutbox } from '../jobs/outbox.entity.js';
import { UserAccount } from '../iam/user-account.entity.js';
import { OrganizationFactRequest, OrganizationFactSource } from '../organizations/organization-fact.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { Tenant } from '../tenancy/tenant.entity.js';

/** Every entity of the core, registered once for the app, the worker and the migration CLI. */
export const coreEntities = [
  Tenant,
  Organization,
  OrganizationFactSource,
  OrganizationFactRequest,
  UserAccount,
  RefreshToken,
  AuditLogEntry,
  DomainEventOutbox,
];

/** Framework-free entry point for the entity classes (other contexts' entities, the migration CLI, Jest). */
export {
  AuditLogEntry,
  DomainEventOutbox,
  Organization,
  OrganizationFactRequest,
  OrganizationFactSource,
  RefreshToken,
  Tenant,
  UserAccount,
};
export { FEN } from './money-column.js';
export { TenantOwned } from '../tenancy/tenant-owned.js';
