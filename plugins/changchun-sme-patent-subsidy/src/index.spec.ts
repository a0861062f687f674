import { describe, expect, it } from '@jest/globals';
import plugin from './index.js';
import { sampleContext, sampleContract as contract, sampleSme as sme } from '@techmarket/plugin-api/testing';

const params = { ratePercent: 3, capFen: 300_000_00, contractTypes: ['transfer', 'licence'] };
const ctx = sampleContext('220100');
const run = (c = contract()) =>
  plugin.evaluate({ type: 'contract.registered', occurredOn: c.registeredOn, tenantCode: '220102', contract: c }, params, ctx)[0];

describe('changchun-sme-patent-subsidy (worked examples from the policy)', () => {
  it('pays 3% of a 5,000,000 yuan contract: 150,000 yuan', () => {
    const d = run();
    expect(d).toMatchObject({ eligible: true, amountFen: 150_000_00, subjectOrgId: 'org-sme' });
    expect(d.reasons.map((r) => r.text)).toContain('技术合同额 5,000,000 元 × 3% = 150,000 元');
  });

  it('caps a 20,000,000 yuan contract at 300,000 yuan', () => {
    const d = run(contract({ amountFen: 20_000_000_00 }));
    expect(d.amountFen).toBe(300_000_00);
    expect(d.figures.byRateFen).toBe(600_000_00);
    expect(d.reasons.at(-1)!.text).toBe('超过单笔上限 300,000 元，按上限补贴 300,000 元');
  });

  it('refuses a buyer that is not an SME, saying so', () => {
    const d = run(contract({ buyer: { ...sme, isSme: false } }));
    expect(d).toMatchObject({ eligible: false, amountFen: 0 });
    expect(d.reasons.find((r) => !r.ok)!.text).toBe('受让方“长春禹衡光学有限公司”不是中小企业');
  });

  it('refuses a contract with no university or institute patent, saying so', () => {
    const d = run(contract({ patents: [] }));
    expect(d.eligible).toBe(false);
    expect(d.reasons.find((r) => !r.ok)!.text).toBe('合同未涉及高校院所持有的专利');
  });

  it('rounds down to the fen', () => {
    expect(run(contract({ amountFen: 333 })).amountFen).toBe(9); // 3% of 3.33 yuan = 9.99 fen → 9
  });
});
