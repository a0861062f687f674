import { AbilityBuilder, createMongoAbility, type MongoAbility, type MongoQuery } from '@casl/ability';
import type { Principal } from './principal.js';

export const ACTIONS = ['manage', 'create', 'read', 'update', 'delete'] as const;
export type Action = (typeof ACTIONS)[number];

export const SUBJECTS = ['Tenant', 'Organization', 'UserAccount', 'AuditLogEntry', 'all'] as const;
export type SubjectName = (typeof SUBJECTS)[number];

export type AppAbility = MongoAbility<[Action, SubjectName | Record<PropertyKey, unknown>], MongoQuery>;

/**
 * The one place where roles become permissions (权限). Every rule is scoped by the tenant
 * tree: a tier sees and manages its own subtree, never a sibling's, never an ancestor's
 * private records. Conditions are plain equality / `$in`, so `access-sql.ts` can turn the
 * same rules into SQL for list queries.
 */
export function defineAbilityFor(p: Principal): AppAbility {
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  const subtree = { $in: p.subtreeTenantIds };
  const roles = new Set(p.roles);

  // Everyone: their own account and the part of the tree they belong to.
  can('read', 'UserAccount', { id: p.userId });
  can('update', 'UserAccount', ['displayName', 'email', 'password'], { id: p.userId });
  can('read', 'Tenant', { id: subtree });
  if (p.organizationId) can('read', 'Organization', { id: p.organizationId });

  if (roles.has('platform_admin')) {
    can('manage', 'Tenant', { id: subtree });
    can('create', 'Tenant', { parentId: subtree });
    can('manage', 'Organization', { tenantId: subtree });
    can('manage', 'UserAccount', { tenantId: subtree });
    can('read', 'AuditLogEntry', { tenantId: subtree });
  }
  if (roles.has('bureau_admin')) {
    can('update', 'Tenant', { id: subtree });
    can('manage', 'Organization', { tenantId: subtree });
    can('manage', 'UserAccount', { tenantId: subtree });
    can('read', 'AuditLogEntry', { tenantId: subtree });
  }
  if (roles.has('center_staff')) {
    can('update', 'Tenant', { id: p.tenantId });
    can(['create', 'read', 'update'], 'Organization', { tenantId: subtree });
    can(['create', 'read', 'update'], 'UserAccount', { tenantId: subtree });
    can('read', 'AuditLogEntry', { tenantId: subtree });
  }
  if (roles.has('reviewer') || roles.has('broker')) {
    can('read', 'Organization', { tenantId: subtree });
  }
  if (roles.has('reviewer')) {
    can('read', 'UserAccount', { tenantId: subtree });
  }
  if (p.organizationId && (roles.has('institution_member') || roles.has('enterprise_member'))) {
    can('update', 'Organization', ['name', 'contactName', 'contactPhone', 'isSme', 'isSpecialized', 'isHighTech'], {
      id: p.organizationId,
    });
    can('read', 'UserAccount', { organizationId: p.organizationId });
  }

  // Administrative divisions come from the national code list: nobody deletes them here.
  cannot('delete', 'Tenant', { kind: 'administrative' });

  return build();
}
