import { subject as forceSubject } from '@casl/ability';
import { type Action, type AppAbility, defineAbilityFor } from './ability.factory.js';
import type { Principal } from './principal.js';
import type { Role } from './roles.js';

/**
 * Test support for permission matrices (`@techmarket/core/testing`): a small tenant tree and
 * principals in it, so every module can state its CASL rules as a role × tenant relation ×
 * action table in a unit test. Province P with cities C and S (siblings); C has counties K
 * and K2; a second province X stands in as the province's "sibling".
 */
export const TREE = { P: 'p', C: 'c', S: 's', K: 'k', K2: 'k2', X: 'x' } as const;
export type Home = 'P' | 'C' | 'K';
export type Relation = 'own' | 'descendant' | 'ancestor' | 'sibling';
export const RELATIONS: Relation[] = ['own', 'descendant', 'ancestor', 'sibling'];

const SUBTREE: Record<keyof typeof TREE, string[]> = {
  P: ['p', 'c', 's', 'k', 'k2'],
  C: ['c', 'k', 'k2'],
  S: ['s'],
  K: ['k'],
  K2: ['k2'],
  X: ['x'],
};
const TIER = { P: 'province', C: 'city', S: 'city', K: 'county', K2: 'county', X: 'province' } as const;
const RELATED: Record<Home, Record<Relation, keyof typeof TREE | null>> = {
  P: { own: 'P', descendant: 'K', ancestor: null, sibling: 'X' },
  C: { own: 'C', descendant: 'K', ancestor: 'P', sibling: 'S' },
  K: { own: 'K', descendant: null, ancestor: 'C', sibling: 'K2' },
};

/** A principal with one role, living in `home`, member of `organizationId` if given. */
export function principalAt(role: Role, home: Home, organizationId: string | null = null): Principal {
  return {
    userId: `u-${role}`,
    username: role,
    tenantId: TREE[home],
    tenantCode: home,
    tenantTier: TIER[home],
    organizationId,
    roles: [role],
    subtreeTenantIds: SUBTREE[home],
  };
}

/** The tenant id standing in the given relation to `home`, or null where the tree has none. */
export function tenantAt(home: Home, relation: Relation): string | null {
  const key = RELATED[home][relation];
  return key ? TREE[key] : null;
}

/** A record tagged with its subject type. */
export function record(type: string, attrs: Record<string, unknown>): Record<PropertyKey, unknown> {
  return forceSubject(type, { ...attrs }) as unknown as Record<PropertyKey, unknown>;
}

/** Letters → actions, for compact tables: C R U D, S(ubmit), V (re-V-iew), W(ithdraw), L(icense). */
export const ACTION_LETTERS: Record<string, Action> = {
  C: 'create',
  R: 'read',
  U: 'update',
  D: 'delete',
  S: 'submit' as Action,
  V: 'review' as Action,
  W: 'withdraw' as Action,
  L: 'license' as Action,
};

/** The letters of `actions` the ability allows on the record, e.g. 'RUD'. */
export function allowed(ability: AppAbility, actions: string, rec: Record<PropertyKey, unknown>): string {
  return [...actions].filter((l) => ability.can(ACTION_LETTERS[l], rec)).join('');
}

/**
 * One row of a matrix: for a role at home, the letters allowed on a record in each relation
 * ('-' where the relation does not exist for that home). `makeRecord` builds the record for a tenant.
 */
export function matrixRow(
  role: Role,
  home: Home,
  actions: string,
  makeRecord: (tenantId: string) => Record<PropertyKey, unknown>,
  organizationId: string | null = 'own-org',
): string[] {
  const ability = defineAbilityFor(principalAt(role, home, organizationId));
  return RELATIONS.map((rel) => {
    const t = tenantAt(home, rel);
    return t ? allowed(ability, actions, makeRecord(t)) : '-';
  });
}
