import { AbilityBuilder, createMongoAbility, type MongoAbility, type MongoQuery } from '@casl/ability';
import type { Principal } from './principal.js';
import type { Role } from './roles.js';

/**
 * The actions a permission rule can name. Core knows CRUD and `attest` (认定: set an
 * organisation's statuses and founding facts from a named source); a module adds its own workflow
 * actions (e.g. the catalog's `submit`, `review`) by declaration merging and `registerModule`.
 */
export interface ActionRegistry {
  manage: true;
  create: true;
  read: true;
  update: true;
  delete: true;
  attest: true;
}
export type Action = keyof ActionRegistry & string;

/**
 * The subjects (record types) permission rules are about. Core owns these four; each module
 * declares its own (`interface SubjectRegistry { MyRecord: true }`) and registers their labels.
 */
export interface SubjectRegistry {
  Tenant: true;
  Organization: true;
  OrganizationFactRequest: true;
  UserAccount: true;
  AuditLogEntry: true;
  all: true;
}
export type SubjectName = keyof SubjectRegistry & string;

export type AppAbility = MongoAbility<[Action, SubjectName | Record<PropertyKey, unknown>], MongoQuery>;

/** What a module's rule function receives: the caller, the builder, and the facts every rule asks. */
export interface RuleContext {
  principal: Principal;
  can: AbilityBuilder<AppAbility>['can'];
  cannot: AbilityBuilder<AppAbility>['cannot'];
  roles: ReadonlySet<Role>;
  /** `{ $in: <the caller's tenant and its descendants> }`: the condition that scopes rules to the caller's subtree. */
  subtree: { $in: string[] };
  /** Tier staff: platform admin, bureau admin or county centre staff. */
  isStaff: boolean;
  /** A member of an institution or enterprise, with the organisation it belongs to. */
  isMember: boolean;
}
export type RuleContributor = (ctx: RuleContext) => void;

const CONTRIBUTORS: { owner: string; rules: RuleContributor }[] = [];
const ACTIONS = new Set<string>(['manage', 'create', 'read', 'update', 'delete', 'attest']);
const SUBJECTS = new Set<string>(['Tenant', 'Organization', 'OrganizationFactRequest', 'UserAccount', 'AuditLogEntry', 'all']);

/**
 * Organisation fields that only `attest` writes (statuses and founding facts, each from a named
 * source): nobody sets them through create or update, not even tier staff.
 */
export const ATTESTED_ORGANIZATION_FIELDS = [
  'isSme',
  'isSpecialized',
  'isHighTech',
  'foundedOn',
  'foundedWithTechEquity',
  'paidInCashCapitalFen',
];

/** Registers a module's permission rules, the subjects they are about and the actions they add. */
export function registerPermissions(owner: string, p: { subjects: string[]; actions?: string[]; rules: RuleContributor }): void {
  for (const s of p.subjects) {
    if (SUBJECTS.has(s)) throw new Error(`${owner} registers the subject ${s}, which is already taken`);
    SUBJECTS.add(s);
  }
  for (const a of p.actions ?? []) ACTIONS.add(a);
  CONTRIBUTORS.push({ owner, rules: p.rules });
}

/** Subjects and actions known to the permission layer (core's and every registered module's). */
export function registeredSubjects(): string[] {
  return [...SUBJECTS];
}
export function registeredActions(): string[] {
  return [...ACTIONS];
}

/**
 * The one place where roles become permissions (权限). Every rule is scoped by the tenant
 * tree: a tier sees and manages its own subtree, never a sibling's, never an ancestor's
 * private records. Conditions are plain equality / `$in`, so `access-sql.ts` can turn the
 * same rules into SQL for list queries. Core writes the rules for its own subjects; each
 * registered module adds the rules for its subjects, in registration order.
 */
export function defineAbilityFor(p: Principal): AppAbility {
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  const subtree = { $in: p.subtreeTenantIds };
  const roles = new Set(p.roles);
  const isStaff = roles.has('platform_admin') || roles.has('bureau_admin') || roles.has('center_staff');
  const isMember = Boolean(p.organizationId) && (roles.has('institution_member') || roles.has('enterprise_member'));

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
    can(['create', 'read', 'update', 'attest'], 'Organization', { tenantId: subtree });
    can(['create', 'read', 'update'], 'UserAccount', { tenantId: subtree });
    can('read', 'AuditLogEntry', { tenantId: subtree });
  }
  if (roles.has('reviewer') || roles.has('broker')) {
    can('read', 'Organization', { tenantId: subtree });
  }
  if (roles.has('reviewer')) {
    can('read', 'UserAccount', { tenantId: subtree });
  }
  if (isStaff) {
    // Tier staff of an organisation's tenant chain confirm its statuses and founding facts (and
    // answer its members' requests to change them) only through `attest`, which names a source.
    can('attest', 'Organization', { tenantId: subtree });
    can('read', 'OrganizationFactRequest', { tenantId: subtree });
    cannot(['create', 'update'], 'Organization', ATTESTED_ORGANIZATION_FIELDS);
  }
  if (isMember) {
    can('update', 'Organization', ['name', 'contactName', 'contactPhone'], { id: p.organizationId });
    can('read', 'UserAccount', { organizationId: p.organizationId });
    // A member asks for a status or founding change with its evidence; staff decide.
    can(['create', 'read'], 'OrganizationFactRequest', { organizationId: p.organizationId });
  }

  const ctx: RuleContext = { principal: p, can, cannot, roles, subtree, isStaff, isMember };
  for (const c of CONTRIBUTORS) c.rules(ctx);

  // Administrative divisions come from the national code list: nobody deletes them here.
  cannot('delete', 'Tenant', { kind: 'administrative' });

  return build();
}
