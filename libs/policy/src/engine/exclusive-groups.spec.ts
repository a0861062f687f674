import { describe, expect, it } from '@jest/globals';
import { definePolicyPlugin } from '@techmarket/plugin-api';
import type { Evaluated } from './types.js';
import { applyExclusiveGroups } from './exclusive-groups.js';

const plugin = (id: string, group?: string) =>
  definePolicyPlugin({
    id,
    version: '1',
    name: { zh: id, en: id },
    description: '',
    tiers: ['city'],
    legalBasis: [],
    params: {},
    events: [],
    exclusiveGroup: group,
    evaluate: () => [],
  });
const evaluated = (id: string, group: string | undefined, amountFen: number, path = '220000.220100'): Evaluated => ({
  installation: { id, pluginId: id, tenantId: id, tenantCode: path.split('.').at(-1)!, tier: 'city', path: path.split('.'), versions: [] },
  plugin: plugin(id, group),
  parameters: null,
  governing: { date: '2026-03-20', basis: 'registered' },
  decision: { subjectOrgId: 'firm', eligible: amountFen > 0, amountFen, reasons: [], figures: {} },
});

describe('exclusive groups (互斥组)', () => {
  it('keeps the larger amount and tells the others why they lost', () => {
    const city = evaluated('city', 'g', 150_000_00);
    const county = evaluated('county', 'g', 250_000_00, '220000.220100.220122');
    const province = evaluated('province', undefined, 100_000_00, '220000');
    applyExclusiveGroups([city, county, province]);
    expect(county.decision).toMatchObject({ eligible: true, amountFen: 250_000_00 });
    expect(city.decision).toMatchObject({ eligible: false, amountFen: 0, figures: { excludedBy: 'county', exclusiveGroup: 'g' } });
    expect(city.decision.reasons.at(-1)!.text).toBe('与同组政策“county”（220122）互斥，同一合同只享受金额较高的一项');
    expect(province.decision).toMatchObject({ eligible: true, amountFen: 100_000_00 });
  });

  it('breaks a tie in favour of the higher tier, and leaves ineligible decisions alone', () => {
    const city = evaluated('city', 'g', 100_000_00);
    const county = evaluated('county', 'g', 100_000_00, '220000.220100.220122');
    const none = evaluated('other', 'g', 0);
    applyExclusiveGroups([county, city, none]);
    expect(city.decision.eligible).toBe(true);
    expect(county.decision.eligible).toBe(false);
    expect(none.decision.reasons).toEqual([]);
  });
});
