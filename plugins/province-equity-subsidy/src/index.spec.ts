import { describe, expect, it } from '@jest/globals';
import { sampleContext, sampleContract, sampleSme } from '@techmarket/plugin-api/testing';
import plugin from './index.js';

const params = { ratePercent: 1, capFen: 1_000_000_00 };
const firm = (cash: number) => ({ ...sampleSme, foundedWithTechEquity: true, paidInCashCapitalFen: cash });
const run = (c = sampleContract()) =>
  plugin.evaluate(
    { type: 'contract.registered', occurredOn: '2026-03-20', tenantCode: '220102', contract: c },
    params,
    sampleContext('220000', 'province'),
  )[0];

describe('province-equity-subsidy', () => {
  it('pays 1% of paid-in cash capital: 30,000,000 yuan → 300,000', () => {
    expect(run(sampleContract({ subType: 'equity', buyer: firm(30_000_000_00) }))).toMatchObject({ eligible: true, amountFen: 300_000_00 });
  });

  it('caps at 1,000,000 yuan: 150,000,000 yuan cash → 1,000,000', () => {
    expect(run(sampleContract({ subType: 'equity', buyer: firm(150_000_000_00) })).amountFen).toBe(1_000_000_00);
  });

  it('refuses a contract that is not a technology-equity contribution, saying so', () => {
    const d = run(sampleContract({ subType: 'patent_right', buyer: firm(10_000_000_00) }));
    expect(d.eligible).toBe(false);
    expect(d.reasons.find((r) => !r.ok)!.text).toBe('合同不是技术成果作价入股');
  });
});
