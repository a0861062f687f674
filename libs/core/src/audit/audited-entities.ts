import type { ObjectLiteral } from 'typeorm';

import type { AuditAction } from './audit-log.entity.js';
export type { AuditAction };

/** How to find the tenant that owns a record of an audited entity. */
export type TenantOf = (row: ObjectLiteral, action: AuditAction) => string | undefined;

/** Entities whose writes are audited: core's own, plus those modules register. */
const AUDITED = new Map<string, TenantOf>([
  // A deleted tenant's log lives on in its parent.
  ['Tenant', (row, action) => (action === 'delete' ? row.parentId : row.id)],
  ['Organization', (row) => row.tenantId],
  ['OrganizationFactSource', (row) => row.tenantId],
  ['OrganizationFactRequest', (row) => row.tenantId],
  ['UserAccount', (row) => row.tenantId],
]);

/** Registers an entity type (from another bounded context) as audited. */
export function registerAudited(entityName: string, tenantOf: TenantOf): void {
  AUDITED.set(entityName, tenantOf);
}

export function auditedTenantOf(entityName: string): TenantOf | undefined {
  return AUDITED.get(entityName);
}
