import { describe, expect, it } from '@jest/globals';
import { defineAbilityFor, type Role } from '@techmarket/core/module-api';
import { allowed, type Home, matrixRow, principalAt, record } from '@techmarket/core/testing';
import './matching.registration.js';

// R read, U update (the declared part).
const profileOf = (organizationId: string) => (tenantId: string) => record('Profile', { tenantId, organizationId });

/** Another organisation's profile, in the tenant of each relation. */
const PROFILE_MATRIX: [Role, Home, string, string, string, string][] = [
  // role, home, own, descendant, ancestor, sibling
  ['platform_admin', 'P', 'R', 'R', '-', ''],
  ['bureau_admin', 'C', 'R', 'R', '', ''],
  ['center_staff', 'K', 'R', '-', '', ''],
  ['reviewer', 'C', '', '', '', ''],
  ['broker', 'C', '', '', '', ''],
  ['enterprise_member', 'K', '', '-', '', ''],
];

describe('profile permissions (画像)', () => {
  it.each(PROFILE_MATRIX)('%s at %s on another organisation’s profile', (role, home, ...expected) => {
    expect(matrixRow(role, home, 'RU', profileOf('other'))).toEqual(expected);
  });

  it('an organisation’s own members read its profile and edit the declared part, wherever it is registered', () => {
    for (const role of ['enterprise_member', 'institution_member'] as Role[]) {
      const ability = defineAbilityFor(principalAt(role, 'K', 'mine'));
      expect([role, allowed(ability, 'RU', record('Profile', { tenantId: 's', organizationId: 'mine' }))]).toEqual([role, 'RU']);
    }
  });
});

describe('subscription permissions (订阅)', () => {
  const sub = (userId: string, tenantId = 'k') => record('Subscription', { tenantId, userId });
  const can = (role: Role, home: Home, org: string | null, rec: Record<PropertyKey, unknown>) =>
    allowed(defineAbilityFor(principalAt(role, home, org)), 'CRUD', rec);

  it('only its owner (a member or an expert) manages a subscription; staff of any tier do not', () => {
    expect(can('enterprise_member', 'K', 'mine', sub('u-enterprise_member'))).toBe('CRUD');
    expect(can('institution_member', 'C', 'mine', sub('u-institution_member', 'c'))).toBe('CRUD');
    expect(can('expert', 'C', null, sub('u-expert', 'c'))).toBe('CRUD');
    expect(can('enterprise_member', 'K', 'mine', sub('someone-else'))).toBe('');
    for (const role of ['platform_admin', 'bureau_admin', 'center_staff', 'reviewer', 'broker'] as Role[]) {
      const home: Home = role === 'platform_admin' ? 'P' : role === 'center_staff' ? 'K' : 'C';
      expect([role, can(role, home, null, sub('someone'))]).toEqual([role, '']);
    }
  });

  it('only the province admin runs the digests', () => {
    const run = (role: Role, home: Home) => defineAbilityFor(principalAt(role, home)).can('create', 'SubscriptionDigest');
    expect([run('platform_admin', 'P'), run('bureau_admin', 'C'), run('center_staff', 'K'), run('enterprise_member', 'K')]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});
