import { describe, expect, it } from '@jest/globals';
import { defineAbilityFor, type Role } from '@techmarket/core/module-api';
import { allowed, type Home, matrixRow, principalAt, record } from '@techmarket/core/testing';
import { CATALOG_SUBJECTS } from './catalog.registration.js';

// Every action on a catalog entry: C R U D, S submit, V review, W withdraw, L license.
const ALL = 'CRUDSVWL';

/**
 * A DRAFT entry of another organisation, in the tenant standing in each relation to the
 * caller's home: own, descendant, ancestor, sibling ('-': that relation does not exist).
 */
const DRAFT_MATRIX: [Role, Home, string, string, string, string][] = [
  ['platform_admin', 'P', ALL, ALL, '-', ''],
  ['bureau_admin', 'C', ALL, ALL, '', ''],
  ['center_staff', 'K', ALL, '-', '', ''],
  ['reviewer', 'C', 'RVW', 'RVW', '', ''],
  ['broker', 'C', '', '', '', ''],
  ['expert', 'C', '', '', '', ''],
  ['institution_member', 'K', '', '-', '', ''],
  ['enterprise_member', 'K', '', '-', '', ''],
];

/** The same entry once PUBLISHED: readable by everyone in the province; no longer editable. */
const PUBLISHED_MATRIX: [Role, Home, string, string, string, string][] = [
  ['platform_admin', 'P', 'CRSVWL', 'CRSVWL', '-', 'R'],
  ['bureau_admin', 'C', 'CRSVWL', 'CRSVWL', 'R', 'R'],
  ['center_staff', 'K', 'CRSVWL', '-', 'R', 'R'],
  ['reviewer', 'C', 'RVW', 'RVW', 'R', 'R'],
  ['broker', 'C', 'R', 'R', 'R', 'R'],
  ['expert', 'C', 'R', 'R', 'R', 'R'],
  ['institution_member', 'K', 'R', '-', 'R', 'R'],
  ['enterprise_member', 'K', 'R', '-', 'R', 'R'],
];

describe.each(CATALOG_SUBJECTS)('catalog permissions on %s', (subject) => {
  const entry = (status: string) => (tenantId: string) =>
    record(subject, { tenantId, organizationId: 'other-org', userId: 'someone', status });

  it.each(DRAFT_MATRIX)('draft: %s at %s', (role, home, ...expected) => {
    expect(matrixRow(role, home, ALL, entry('draft'))).toEqual(expected);
  });

  it.each(PUBLISHED_MATRIX)('published: %s at %s', (role, home, ...expected) => {
    expect(matrixRow(role, home, ALL, entry('published'))).toEqual(expected);
  });
});

describe('catalog permissions of owners', () => {
  it('members act on their organisation’s entries, editing only drafts and returned ones; never on another’s', () => {
    for (const role of ['institution_member', 'enterprise_member'] as const) {
      const ability = defineAbilityFor(principalAt(role, 'K', 'own-org'));
      for (const subject of ['Achievement', 'Demand', 'Patent']) {
        const mine = (status: string) => record(subject, { tenantId: 's', organizationId: 'own-org', status });
        expect([subject, allowed(ability, ALL, mine('draft'))]).toEqual([subject, 'CRUDSWL']);
        expect([subject, allowed(ability, ALL, mine('returned'))]).toEqual([subject, 'CRUDSWL']);
        expect([subject, allowed(ability, ALL, mine('submitted'))]).toEqual([subject, 'CRSWL']);
      }
      // Experts are individuals, not organisations' entries.
      expect(allowed(ability, ALL, record('Expert', { tenantId: 'k', organizationId: 'own-org', status: 'draft' }))).toBe('');
    }
  });

  it('an expert keeps their own profile, editing it only as a draft or when returned', () => {
    const ability = defineAbilityFor(principalAt('expert', 'C'));
    const me = (status: string) => record('Expert', { tenantId: 'c', userId: 'u-expert', status });
    expect(allowed(ability, ALL, me('draft'))).toBe('CRUSW');
    expect(allowed(ability, ALL, me('submitted'))).toBe('CRSW');
    expect(allowed(ability, ALL, record('Expert', { tenantId: 'c', userId: 'another', status: 'draft' }))).toBe('');
  });

  it('imports: members start them for their organisation and read their own; staff those of their subtree', () => {
    const member = defineAbilityFor(principalAt('enterprise_member', 'K', 'own-org'));
    expect(
      allowed(member, 'CR', record('CatalogImport', { tenantId: 'k', organizationId: 'own-org', createdBy: 'u-enterprise_member' })),
    ).toBe('CR');
    expect(allowed(member, 'CR', record('CatalogImport', { tenantId: 'k', organizationId: 'other-org', createdBy: 'someone' }))).toBe('');
    const county = defineAbilityFor(principalAt('center_staff', 'K'));
    expect(allowed(county, 'CR', record('CatalogImport', { tenantId: 'k', organizationId: 'x' }))).toBe('CR');
    expect(allowed(county, 'CR', record('CatalogImport', { tenantId: 'k2', organizationId: 'x' }))).toBe('');
    expect(allowed(defineAbilityFor(principalAt('reviewer', 'C')), 'CR', record('CatalogImport', { tenantId: 'c' }))).toBe('');
  });
});
