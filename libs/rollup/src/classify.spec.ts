import { describe, expect, it } from '@jest/globals';
import type { RegisteredContractFacts } from '@techmarket/contracts';
import { contribution, flow, industryField } from './classify.js';
import { onTrack } from './kpis.js';
import { KPIS } from './kpis.js';
import { parsePeriod, previousYear } from './period.js';

const org = (tenantPath: string[], extra: Partial<RegisteredContractFacts['seller']> = {}) =>
  ({
    type: 'enterprise',
    isSme: false,
    isSpecialized: false,
    isHighTech: false,
    inProvince: true,
    tenantPath,
    tenantCode: tenantPath.at(-1),
    ...extra,
  }) as RegisteredContractFacts['seller'];

describe('roll-up classification', () => {
  it('places a contract at every tenant on each side’s path, through the child below', () => {
    const c = {
      id: 'b',
      rootId: 'a',
      contractType: 'transfer',
      amountFen: 100,
      techTransactionFen: 90,
      receivedFen: 10,
      registeredOn: '2025-03-09',
      firstRegisteredOn: '2024-12-31',
      tenantCode: '220122',
      seller: org(['220000', '220100', '220122'], { type: 'university_institute' }),
      buyer: org(['220000'], { inProvince: false }),
      patents: [{ field: 'b' }, { field: 'a' }, { field: null }],
    } as unknown as RegisteredContractFacts;
    const k = contribution(c, ['220000', '220100', '220122']);
    expect(k.dims).toEqual({
      month: '2024-12-01',
      contractType: 'transfer',
      field: 'a',
      buyerCategory: 'outside',
      sellerCategory: 'university_institute',
      flow: 'outside',
      withPatents: true,
    });
    expect(k.placements).toEqual([
      { side: 'registered', tenantCode: '220000', childCode: '220100' },
      { side: 'registered', tenantCode: '220100', childCode: '220122' },
      { side: 'registered', tenantCode: '220122', childCode: '' },
      { side: 'output', tenantCode: '220000', childCode: '220100' },
      { side: 'output', tenantCode: '220100', childCode: '220122' },
      { side: 'output', tenantCode: '220122', childCode: '' },
    ]);
  });

  it('tells same county, same city, province and outside apart, and picks the commonest field', () => {
    expect(flow(org(['220000', '220100', '220122']), org(['220000', '220100', '220122']))).toBe('same_county');
    expect(flow(org(['220000', '220100', '220122']), org(['220000', '220100']))).toBe('same_city');
    expect(flow(org(['220000', '220100']), org(['220000', '220200', '220211']))).toBe('province');
    expect(flow(org(['220000'], { inProvince: false }), org(['220000', '220200']))).toBe('outside');
    expect(industryField([{ field: 'x' }, { field: 'y' }, { field: 'y' }] as never)).toBe('y');
    expect(industryField([])).toBe('unknown');
  });

  it('reads periods and judges KPIs', () => {
    expect(parsePeriod('2025')).toEqual({ from: '2025-01', to: '2025-12' });
    expect(parsePeriod('2025-Q4')).toEqual({ from: '2025-10', to: '2025-12' });
    expect(parsePeriod('2025-03')).toEqual({ from: '2025-03', to: '2025-03' });
    expect(parsePeriod('2025-13')).toBeNull();
    expect(previousYear({ from: '2025-01', to: '2025-06' })).toEqual({ from: '2024-01', to: '2024-06' });
    const growth = { value: null, growthBp: 1000 };
    expect(onTrack(KPIS.sme_patent_amount, growth, 110, 100, 12)).toBe(true);
    expect(onTrack(KPIS.sme_patent_amount, growth, 109, 100, 12)).toBe(false);
    expect(onTrack(KPIS.sme_patent_amount, growth, 109, 0, 12)).toBeNull();
    expect(onTrack(KPIS.contract_turnover, { value: 1200, growthBp: null }, 600, 0, 6)).toBe(true);
    expect(onTrack(KPIS.contract_turnover, { value: 1200, growthBp: null }, 599, 0, 6)).toBe(false);
  });
});
