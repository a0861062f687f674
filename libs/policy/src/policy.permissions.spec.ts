import { describe, expect, it } from '@jest/globals';
import { defineAbilityFor, type Role } from '@techmarket/core/module-api';
import { allowed, type Home, matrixRow, principalAt, record } from '@techmarket/core/testing';
import './policy.registration.js';

type Row = [Role, Home, string, string, string, string];

/** Installations are public; only a tier's own staff install and configure them, for their own tenant. */
const INSTALLATIONS: Row[] = [
  ['platform_admin', 'P', 'CRUDV', 'R', '-', 'R'],
  ['bureau_admin', 'C', 'CRUDV', 'R', 'R', 'R'],
  ['center_staff', 'K', 'CRUDV', '-', 'R', 'R'],
  ['reviewer', 'C', 'R', 'R', 'R', 'R'],
  ['broker', 'C', 'R', 'R', 'R', 'R'],
  ['enterprise_member', 'K', 'R', '-', 'R', 'R'],
];

/** A decision installed in, and about a firm of, the tenant of each relation. */
const DECISIONS: Row[] = [
  ['platform_admin', 'P', 'R', 'R', '-', ''],
  ['bureau_admin', 'C', 'R', 'R', '', ''],
  ['center_staff', 'K', 'R', '-', '', ''],
  ['reviewer', 'C', 'R', 'R', '', ''],
  ['broker', 'C', '', '', '', ''],
  ['expert', 'C', '', '', '', ''],
  ['enterprise_member', 'K', '', '-', '', ''],
];

/** An application to the tenant of each relation, by a firm of that tenant: C file, R read, V review (approve, reject, pay). */
const APPLICATIONS: Row[] = [
  ['platform_admin', 'P', 'CRV', 'CR', '-', ''],
  ['bureau_admin', 'C', 'CRV', 'CR', '', ''],
  ['center_staff', 'K', 'CRV', '-', '', ''],
  ['reviewer', 'C', 'RV', 'R', '', ''],
  ['broker', 'C', '', '', '', ''],
  ['enterprise_member', 'K', '', '-', '', ''],
];

describe('policy permissions', () => {
  it.each(INSTALLATIONS)('installations: %s at %s', (role, home, ...expected) => {
    expect(matrixRow(role, home, 'CRUDV', (tenantId) => record('PluginInstallation', { tenantId }))).toEqual(expected);
  });

  it.each(DECISIONS)('decisions: %s at %s', (role, home, ...expected) => {
    const decision = (tenantId: string) => record('PolicyDecision', { tenantId, subjectTenantId: tenantId, subjectOrgId: 'firm' });
    expect(matrixRow(role, home, 'R', decision)).toEqual(expected);
  });

  it.each(APPLICATIONS)('applications: %s at %s', (role, home, ...expected) => {
    const application = (tenantId: string) =>
      record('SubsidyApplication', { tenantId, applicantTenantId: tenantId, applicantOrgId: 'firm' });
    expect(matrixRow(role, home, 'CRV', application)).toEqual(expected);
  });

  it('a county sees the decisions about its firms made by the city’s policy, but reviews only applications to itself', () => {
    const county = defineAbilityFor(principalAt('center_staff', 'K'));
    expect(allowed(county, 'R', record('PolicyDecision', { tenantId: 'c', subjectTenantId: 'k', subjectOrgId: 'firm' }))).toBe('R');
    expect(allowed(county, 'CRV', record('SubsidyApplication', { tenantId: 'c', applicantTenantId: 'k', applicantOrgId: 'firm' }))).toBe(
      'CR',
    );
  });

  it('a firm reads its own decisions and files and reads its own applications, nobody else’s', () => {
    const firm = defineAbilityFor(principalAt('enterprise_member', 'K', 'firm'));
    expect(allowed(firm, 'R', record('PolicyDecision', { tenantId: 'p', subjectTenantId: 'k', subjectOrgId: 'firm' }))).toBe('R');
    expect(allowed(firm, 'R', record('PolicyDecision', { tenantId: 'p', subjectTenantId: 'k', subjectOrgId: 'other' }))).toBe('');
    expect(allowed(firm, 'CRV', record('SubsidyApplication', { tenantId: 'p', applicantTenantId: 'k', applicantOrgId: 'firm' }))).toBe(
      'CR',
    );
  });
});
