import { describe, expect, it } from '@jest/globals';
import { type Action, ATTESTED_ORGANIZATION_FIELDS, defineAbilityFor } from './ability.factory.js';
import { principalAt as principal, record as subject, TREE as T } from './permission-matrix.js';
import type { Role } from './roles.js';

/** Relation of a record's tenant to the caller's home tenant, for each home used below (the test tree of permission-matrix.ts). */
const RELATED: Record<'P' | 'C' | 'K', Record<'own' | 'descendant' | 'ancestor' | 'sibling', keyof typeof T | null>> = {
  P: { own: 'P', descendant: 'K', ancestor: null, sibling: 'X' },
  C: { own: 'C', descendant: 'K', ancestor: 'P', sibling: 'S' },
  K: { own: 'K', descendant: null, ancestor: 'C', sibling: 'K2' },
};

const LETTER: Record<string, Action> = { C: 'create', R: 'read', U: 'update', D: 'delete', A: 'attest' };

/**
 * Organisation records (not the caller's own organisation) — expected rights as C/R/U/D letters,
 * A for attest (认定: statuses and founding facts from a named source), for own tenant,
 * descendant, ancestor and sibling. `-` marks a relation that does not exist.
 */
const ORGANIZATION_MATRIX: [Role, 'P' | 'C' | 'K', string, string, string, string][] = [
  ['platform_admin', 'P', 'CRUDA', 'CRUDA', '-', ''],
  ['bureau_admin', 'C', 'CRUDA', 'CRUDA', '', ''],
  ['center_staff', 'K', 'CRUA', '-', '', ''],
  ['reviewer', 'C', 'R', 'R', '', ''],
  ['broker', 'C', 'R', 'R', '', ''],
  ['expert', 'C', '', '', '', ''],
  ['institution_member', 'K', '', '-', '', ''],
  ['enterprise_member', 'K', '', '-', '', ''],
];

/** Tenant records: read and update of the tenant itself. */
const TENANT_MATRIX: [Role, 'P' | 'C' | 'K', string, string, string, string][] = [
  ['platform_admin', 'P', 'RU', 'RU', '-', ''],
  ['bureau_admin', 'C', 'RU', 'RU', '', ''],
  ['center_staff', 'K', 'RU', '-', '', ''],
  ['reviewer', 'C', 'R', 'R', '', ''],
  ['broker', 'C', 'R', 'R', '', ''],
  ['expert', 'C', 'R', 'R', '', ''],
  ['institution_member', 'K', 'R', '-', '', ''],
  ['enterprise_member', 'K', 'R', '-', '', ''],
];

const RELATIONS = ['own', 'descendant', 'ancestor', 'sibling'] as const;

describe('defineAbilityFor: role × tenant relation × action', () => {
  describe.each(ORGANIZATION_MATRIX)('%s at %s on Organization', (role, home, ...expected) => {
    const ability = defineAbilityFor(principal(role, home, 'own-org'));
    it.each(RELATIONS.map((rel, i) => [rel, expected[i]] as const))('%s tenant: %s', (rel, letters) => {
      const where = RELATED[home][rel];
      if (letters === '-') {
        expect(where).toBeNull();
        return;
      }
      const record = subject('Organization', { id: 'other-org', tenantId: T[where!] });
      for (const [letter, action] of Object.entries(LETTER)) {
        expect([action, ability.can(action, record)]).toEqual([action, letters.includes(letter)]);
      }
    });
  });

  describe.each(TENANT_MATRIX)('%s at %s on Tenant', (role, home, ...expected) => {
    const ability = defineAbilityFor(principal(role, home));
    it.each(RELATIONS.map((rel, i) => [rel, expected[i]] as const))('%s tenant: %s', (rel, letters) => {
      const where = RELATED[home][rel];
      if (letters === '-') {
        expect(where).toBeNull();
        return;
      }
      const record = subject('Tenant', { id: T[where!], kind: 'administrative' });
      expect(ability.can('read', record)).toBe(letters.includes('R'));
      expect(ability.can('update', record)).toBe(letters.includes('U'));
      expect(ability.can('delete', record)).toBe(false); // administrative divisions are never deleted
    });
  });

  it('a member reads and edits its own organisation, only the profile fields: never its statuses or founding facts', () => {
    for (const role of ['institution_member', 'enterprise_member'] as const) {
      const ability = defineAbilityFor(principal(role, 'K', 'own-org'));
      const own = subject('Organization', { id: 'own-org', tenantId: 'k' });
      expect(ability.can('read', own)).toBe(true);
      for (const field of ['name', 'contactName', 'contactPhone'])
        expect([field, ability.can('update', own, field)]).toEqual([field, true]);
      for (const field of ['creditCode', 'divisionCode', ...ATTESTED_ORGANIZATION_FIELDS])
        expect([field, ability.can('update', own, field)]).toEqual([field, false]);
      expect(ability.can('attest', own)).toBe(false);
      expect(ability.can('delete', own)).toBe(false);
    }
  });

  it('statuses and founding facts are written only by attest: no role sets them through create or update', () => {
    const roles: [Role, 'P' | 'C' | 'K'][] = [
      ['platform_admin', 'P'],
      ['bureau_admin', 'C'],
      ['center_staff', 'K'],
      ['enterprise_member', 'K'],
    ];
    for (const [role, home] of roles) {
      const ability = defineAbilityFor(principal(role, home, 'own-org'));
      const org = subject('Organization', { id: 'own-org', tenantId: 'k' });
      for (const field of ATTESTED_ORGANIZATION_FIELDS) {
        expect([role, 'create', field, ability.can('create', org, field)]).toEqual([role, 'create', field, false]);
        expect([role, 'update', field, ability.can('update', org, field)]).toEqual([role, 'update', field, false]);
      }
    }
    // Staff still create and update the rest, and attest in their subtree.
    const bureau = defineAbilityFor(principal('bureau_admin', 'C'));
    expect(bureau.can('update', subject('Organization', { tenantId: 'k' }), 'divisionCode')).toBe(true);
    expect(bureau.can('create', subject('Organization', { tenantId: 'k' }), 'name')).toBe(true);
    expect(bureau.can('attest', subject('Organization', { tenantId: 'k' }))).toBe(true);
  });

  /** Requests to change an organisation's facts (own organisation, its tenant's relation to the caller). */
  const FACT_REQUEST_MATRIX: [Role, 'P' | 'C' | 'K', string, string, string, string, string][] = [
    // role, home, own organisation's request, own tenant, descendant, ancestor, sibling
    ['platform_admin', 'P', 'R', 'R', 'R', '-', ''],
    ['bureau_admin', 'C', 'R', 'R', 'R', '', ''],
    ['center_staff', 'K', 'R', 'R', '-', '', ''],
    ['reviewer', 'C', '', '', '', '', ''],
    ['broker', 'C', '', '', '', '', ''],
    ['enterprise_member', 'K', 'CR', '', '-', '', ''],
    ['institution_member', 'K', 'CR', '', '-', '', ''],
  ];
  describe.each(FACT_REQUEST_MATRIX)('%s at %s on OrganizationFactRequest', (role, home, ownOrg, ...expected) => {
    const ability = defineAbilityFor(principal(role, home, 'own-org'));
    const letters = (rec: Record<PropertyKey, unknown>) =>
      (['C', 'R', 'U', 'D'] as const).filter((l) => ability.can(LETTER[l], rec)).join('');
    it('its own organisation’s request', () => {
      expect(letters(subject('OrganizationFactRequest', { organizationId: 'own-org', tenantId: T[home] }))).toBe(ownOrg);
    });
    it.each(RELATIONS.map((rel, i) => [rel, expected[i]] as const))('another organisation’s, %s tenant: %s', (rel, want) => {
      const where = RELATED[home][rel];
      if (want === '-') {
        expect(where).toBeNull();
        return;
      }
      expect(letters(subject('OrganizationFactRequest', { organizationId: 'other-org', tenantId: T[where!] }))).toBe(want);
    });
  });

  it('only the province admin creates tenants, and only under its subtree', () => {
    expect(defineAbilityFor(principal('platform_admin', 'P')).can('create', subject('Tenant', { parentId: 'c' }))).toBe(true);
    expect(defineAbilityFor(principal('platform_admin', 'P')).can('create', subject('Tenant', { parentId: 'x' }))).toBe(false);
    expect(defineAbilityFor(principal('bureau_admin', 'C')).can('create', subject('Tenant', { parentId: 'c' }))).toBe(false);
  });

  it('the province admin deletes non-administrative nodes in its subtree, never administrative ones', () => {
    const ability = defineAbilityFor(principal('platform_admin', 'P'));
    expect(ability.can('delete', subject('Tenant', { id: 'k', kind: 'non_administrative' }))).toBe(true);
    expect(ability.can('delete', subject('Tenant', { id: 'k', kind: 'administrative' }))).toBe(false);
    expect(ability.can('delete', subject('Tenant', { id: 'x', kind: 'non_administrative' }))).toBe(false);
  });

  it('everyone reads their own account; only admins read the audit log of their subtree', () => {
    for (const [role, home] of [
      ['expert', 'C'],
      ['enterprise_member', 'K'],
    ] as const) {
      const ability = defineAbilityFor(principal(role, home));
      expect(ability.can('read', subject('UserAccount', { id: `u-${role}`, tenantId: T[home] }))).toBe(true);
      expect(ability.can('read', subject('UserAccount', { id: 'someone', tenantId: T[home] }))).toBe(false);
      expect(ability.can('read', 'AuditLogEntry')).toBe(false);
    }
    const bureau = defineAbilityFor(principal('bureau_admin', 'C'));
    expect(bureau.can('read', subject('AuditLogEntry', { tenantId: 'k' }))).toBe(true);
    expect(bureau.can('read', subject('AuditLogEntry', { tenantId: 's' }))).toBe(false);
    expect(bureau.can('read', subject('AuditLogEntry', { tenantId: 'p' }))).toBe(false);
  });
});
