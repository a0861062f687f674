import { describe, expect, it } from '@jest/globals';
import { sampleContext, sampleContract, sampleSme } from '@techmarket/plugin-api/testing';
import plugin from './index.js';

const params = { ratePercent: 10, capFen: 2_000_000_00, contractTypes: ['development', 'transfer'] };
const run = (c = sampleContract()) =>
  plugin.evaluate(
    { type: 'payment.received', occurredOn: '2026-06-01', tenantCode: '220102', contract: c },
    params,
    sampleContext('220000', 'province'),
  )[0];

describe('province-tech-transaction-subsidy', () => {
  it('pays 10% of the money actually received: 1,500,000 yuan received → 150,000', () => {
    expect(run(sampleContract({ receivedFen: 1_500_000_00 }))).toMatchObject({ eligible: true, amountFen: 150_000_00 });
  });

  it('caps at 2,000,000 yuan: 30,000,000 yuan received → 2,000,000', () => {
    const d = run(sampleContract({ amountFen: 30_000_000_00, receivedFen: 30_000_000_00 }));
    expect(d.amountFen).toBe(2_000_000_00);
    expect(d.reasons.at(-1)!.text).toBe('超过上限 2,000,000 元，按上限补助 2,000,000 元');
  });

  it('needs the contract implemented, money received, and an in-province enterprise buying from an institution', () => {
    expect(run(sampleContract({ receivedFen: 100_00, implemented: false })).reasons.find((r) => !r.ok)!.text).toBe('合同尚未实施转化');
    expect(run(sampleContract({ receivedFen: 0 })).eligible).toBe(false);
    expect(
      run(sampleContract({ receivedFen: 100_00, buyer: { ...sampleSme, inProvince: false } })).reasons.find((r) => !r.ok)!.text,
    ).toContain('不是省内企业');
    expect(run(sampleContract({ receivedFen: 100_00, contractType: 'licence' })).eligible).toBe(false);
  });
});
