import { describe, expect, it } from '@jest/globals';
import { defineAbilityFor, type Role } from '@techmarket/core/module-api';
import { allowed, type Home, matrixRow, principalAt, record } from '@techmarket/core/testing';
import './contracts.registration.js';

// C create, R read, U update (a returned contract), S submit (amendments, payments), V review (register, return).
const ACTIONS = 'CRUSV';
const contract = (status: string) => (tenantId: string) =>
  record('TechContract', { tenantId, sellerOrgId: 'seller', buyerOrgId: 'buyer', status });

/** A contract between two other organisations, registered in the tenant of each relation. */
const MATRIX: [Role, Home, string, string, string, string, string][] = [
  // role, home, status, own, descendant, ancestor, sibling
  ['platform_admin', 'P', 'submitted', 'CRSV', 'CRSV', '-', ''],
  ['bureau_admin', 'C', 'submitted', 'CRSV', 'CRSV', '', ''],
  ['center_staff', 'K', 'submitted', 'CRSV', '-', '', ''],
  ['reviewer', 'C', 'submitted', 'RV', 'RV', '', ''],
  ['broker', 'C', 'submitted', 'CRS', 'CRS', '', ''],
  ['expert', 'C', 'submitted', '', '', '', ''],
  ['enterprise_member', 'K', 'submitted', '', '-', '', ''],
  ['bureau_admin', 'C', 'returned', 'CRUSV', 'CRUSV', '', ''],
  ['broker', 'C', 'returned', 'CRUS', 'CRUS', '', ''],
  ['reviewer', 'C', 'returned', 'RV', 'RV', '', ''],
];

describe('contract permissions (技术合同认定登记)', () => {
  it.each(MATRIX)('%s at %s on a %s contract', (role, home, status, ...expected) => {
    expect(matrixRow(role, home, ACTIONS, contract(status))).toEqual(expected);
  });

  it('a party (seller or buyer member) files, reads and amends its contracts wherever registered, edits only returned ones', () => {
    for (const side of ['sellerOrgId', 'buyerOrgId']) {
      const ability = defineAbilityFor(principalAt('institution_member', 'K', 'mine'));
      const c = (status: string) =>
        record('TechContract', { tenantId: 's', sellerOrgId: 'other', buyerOrgId: 'other', [side]: 'mine', status });
      expect([side, allowed(ability, ACTIONS, c('submitted'))]).toEqual([side, 'CRS']);
      expect([side, allowed(ability, ACTIONS, c('returned'))]).toEqual([side, 'CRUS']);
      expect([side, allowed(ability, ACTIONS, c('registered'))]).toEqual([side, 'CRS']);
    }
  });

  it('parties and registrars confirm money received; brokers, experts and a sibling city do not', () => {
    const inTenant = (tenantId: string) =>
      record('TechContract', { tenantId, sellerOrgId: 'seller', buyerOrgId: 'buyer', status: 'registered' });
    const can = (role: Role, home: Home, org: string | null = null, tenantId = 'c') =>
      defineAbilityFor(principalAt(role, home, org)).can('confirm', inTenant(tenantId));
    expect([
      can('enterprise_member', 'K', 'buyer'),
      can('institution_member', 'K', 'seller'),
      can('enterprise_member', 'K', 'other'),
    ]).toEqual([true, true, false]);
    expect([
      can('reviewer', 'C'),
      can('bureau_admin', 'C'),
      can('broker', 'C'),
      can('expert', 'C'),
      can('bureau_admin', 'C', null, 's'),
    ]).toEqual([true, true, false, false, false]);
  });

  it('an expert reads and answers only the reviews assigned to their account; registrars read those of their subtree', () => {
    const review = (tenantId: string, expertUserId: string) => record('ContractExpertReview', { tenantId, expertUserId });
    const expert = defineAbilityFor(principalAt('expert', 'C'));
    expect([expert.can('read', review('s', 'u-expert')), expert.can('update', review('s', 'u-expert'))]).toEqual([true, true]);
    expect([expert.can('read', review('c', 'someone')), expert.can('update', review('c', 'someone'))]).toEqual([false, false]);
    expect(expert.can('read', record('TechContract', { tenantId: 'c', sellerOrgId: 'x', buyerOrgId: 'y' }))).toBe(false);
    const reviewer = defineAbilityFor(principalAt('reviewer', 'C'));
    expect([
      reviewer.can('read', review('k', 'u-expert')),
      reviewer.can('update', review('k', 'u-expert')),
      reviewer.can('read', review('s', 'x')),
    ]).toEqual([true, false, false]);
  });
});
