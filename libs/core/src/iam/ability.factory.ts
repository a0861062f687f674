import { AbilityBuilder, createMongoAbility, type MongoAbility, type MongoQuery } from '@casl/ability';
import type { Principal } from './principal.js';

/**
 * CRUD plus the catalog workflow: `submit` (owner sends for review), `review` (publish,
 * return, archive), `withdraw` (take a published entry off the catalog), `license`
 * (declare or withdraw an open licence on a patent).
 */
export const ACTIONS = ['manage', 'create', 'read', 'update', 'delete', 'submit', 'review', 'withdraw', 'license'] as const;
export type Action = (typeof ACTIONS)[number];

export const SUBJECTS = [
  'Tenant',
  'Organization',
  'UserAccount',
  'AuditLogEntry',
  'Achievement',
  'Demand',
  'Patent',
  'Expert',
  'CatalogImport',
  'TechContract',
  'PluginInstallation',
  'PolicyDecision',
  'SubsidyApplication',
  'all',
] as const;

/** The catalog entries that follow the publishing workflow (共享目录). */
export const CATALOG_SUBJECTS = ['Achievement', 'Demand', 'Patent', 'Expert'] as const;
export type CatalogSubject = (typeof CATALOG_SUBJECTS)[number];

/** Workflow states in which the owner may still edit or delete an entry. */
export const EDITABLE_STATUSES = ['draft', 'returned'] as const;
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

  defineCatalogRules(p, can, roles);
  defineContractAndPolicyRules(p, can, roles);

  // Administrative divisions come from the national code list: nobody deletes them here.
  cannot('delete', 'Tenant', { kind: 'administrative' });

  return build();
}

/**
 * The shared catalog (科技成果, 企业需求, 专利, 专家): published entries are readable by
 * every signed-in user in the province; drafts only by their owners and by the staff and
 * reviewers of the owning tenant or an ancestor. Owners edit only while an entry is a draft
 * or returned; reviewers (审核员) and tier admins review entries of their subtree.
 */
function defineCatalogRules(p: Principal, can: AbilityBuilder<AppAbility>['can'], roles: Set<string>): void {
  const subtree = { $in: p.subtreeTenantIds };
  const editable = { $in: [...EDITABLE_STATUSES] };
  const isStaff = roles.has('platform_admin') || roles.has('bureau_admin') || roles.has('center_staff');

  can('read', [...CATALOG_SUBJECTS], { status: 'published' });
  if (p.organizationId && (roles.has('institution_member') || roles.has('enterprise_member'))) {
    const own = ['Achievement', 'Demand', 'Patent'] as const;
    can(['read', 'create', 'submit', 'withdraw', 'license'], [...own], { organizationId: p.organizationId });
    can(['update', 'delete'], [...own], { organizationId: p.organizationId, status: editable });
    can('create', 'CatalogImport', { organizationId: p.organizationId });
    can('read', 'CatalogImport', { createdBy: p.userId });
  }
  if (roles.has('expert')) {
    can(['read', 'create', 'submit', 'withdraw'], 'Expert', { userId: p.userId });
    can('update', 'Expert', { userId: p.userId, status: editable });
  }
  if (isStaff) {
    // Tier staff post on behalf of the organisations and experts of their subtree (代为发布).
    can(['read', 'create', 'submit', 'withdraw', 'license'], [...CATALOG_SUBJECTS], { tenantId: subtree });
    can(['update', 'delete'], [...CATALOG_SUBJECTS], { tenantId: subtree, status: editable });
    can(['create', 'read'], 'CatalogImport', { tenantId: subtree });
  }
  if (roles.has('reviewer') || roles.has('platform_admin') || roles.has('bureau_admin')) {
    can(['read', 'review', 'withdraw'], [...CATALOG_SUBJECTS], { tenantId: subtree });
  }
  if (roles.has('center_staff')) can('review', [...CATALOG_SUBJECTS], { tenantId: subtree });
}

/**
 * 技术合同认定登记 and policies. Parties (members of the seller or buyer) and brokers of the
 * registration tenant's subtree submit (`create`, `submit`: amendments and payments); the
 * registrars (reviewers and tier staff of the subtree) `review`. Policies are public; a tier's
 * own admin installs and configures them for its own tenant only. Decisions are read by the
 * subject organisation and the tenant chain; a tenant's own reviewers and admins review
 * subsidy applications against its budget.
 */
function defineContractAndPolicyRules(p: Principal, can: AbilityBuilder<AppAbility>['can'], roles: Set<string>): void {
  const subtree = { $in: p.subtreeTenantIds };
  const isStaff = roles.has('platform_admin') || roles.has('bureau_admin') || roles.has('center_staff');
  const isRegistrar = isStaff || roles.has('reviewer');
  const member = p.organizationId && (roles.has('institution_member') || roles.has('enterprise_member'));

  if (member) {
    for (const party of ['sellerOrgId', 'buyerOrgId']) {
      can(['create', 'read', 'submit'], 'TechContract', { [party]: p.organizationId });
      can('update', 'TechContract', { [party]: p.organizationId, status: 'returned' });
    }
    can('read', 'PolicyDecision', { subjectOrgId: p.organizationId });
    can(['create', 'read'], 'SubsidyApplication', { applicantOrgId: p.organizationId });
  }
  if (roles.has('broker') || isStaff) {
    can(['create', 'read', 'submit'], 'TechContract', { tenantId: subtree });
    can('update', 'TechContract', { tenantId: subtree, status: 'returned' });
  }
  if (isRegistrar) {
    can(['read', 'review'], 'TechContract', { tenantId: subtree });
    can('read', 'PolicyDecision', { tenantId: subtree });
    can('read', 'PolicyDecision', { subjectTenantId: subtree });
    can('read', 'SubsidyApplication', { tenantId: subtree });
    can('read', 'SubsidyApplication', { applicantTenantId: subtree });
    can('review', 'SubsidyApplication', { tenantId: p.tenantId });
  }
  if (isStaff) {
    // A county centre files on behalf of the firms of its county (代为申请).
    can('create', 'SubsidyApplication', { applicantTenantId: subtree });
    can(['create', 'update', 'delete', 'review'], 'PluginInstallation', { tenantId: p.tenantId });
  }
  can('read', 'PluginInstallation');
}
