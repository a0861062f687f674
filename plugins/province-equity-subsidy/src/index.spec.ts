import { describe, expect, it } from '@jest/globals';
import type { FoundingFacts, OrgFacts } from '@techmarket/plugin-api';
import { sampleContext, sampleContract, sampleSme } from '@techmarket/plugin-api/testing';
import plugin from './index.js';

const params = { ratePercent: 1, capFen: 1_000_000_00 };
const founding = (cash: number, over: Partial<FoundingFacts> = {}): FoundingFacts => ({
  foundedOn: '2026-01-05',
  withTechnologyEquity: true,
  paidInCashCapitalFen: cash,
  confirmed: true,
  source: {
    kind: 'document',
    name: '营业执照及验资报告',
    certificateNumber: null,
    issuedOn: '2026-01-05',
    validUntil: null,
    confirmedOn: '2026-01-10',
  },
  ...over,
});
const firm = (f: FoundingFacts | null, over: Partial<OrgFacts> = {}): OrgFacts => ({ ...sampleSme, founding: f, ...over });
const run = (buyer: OrgFacts, subType = 'equity') =>
  plugin.evaluate(
    { type: 'contract.registered', occurredOn: '2026-03-20', tenantCode: '220102', contract: sampleContract({ subType, buyer }) },
    params,
    sampleContext('220000', 'province'),
  )[0];
const failed = (buyer: OrgFacts, subType?: string) =>
  run(buyer, subType)
    .reasons.filter((r) => !r.ok)
    .map((r) => r.text);

describe('province-equity-subsidy (吉科发区〔2022〕77号: 注册资本金实缴现金额 1%，不超过 100 万元)', () => {
  it('pays 1% of the confirmed paid-in cash capital: 30,000,000 yuan → 300,000', () => {
    const d = run(firm(founding(30_000_000_00)));
    expect(d).toMatchObject({
      eligible: true,
      amountFen: 300_000_00,
      figures: { foundedOn: '2026-01-05', foundingSource: '营业执照及验资报告' },
    });
    expect(d.reasons.map((r) => r.text)).toContain('“长春禹衡光学有限公司”于 2026-01-05 以技术成果作价入股设立');
  });

  it('caps at 1,000,000 yuan: 150,000,000 yuan cash → 1,000,000', () => {
    expect(run(firm(founding(150_000_000_00))).amountFen).toBe(1_000_000_00);
  });

  it('refuses an equity contract whose buyer has no founding record, whatever the contract says', () => {
    const d = run(firm(null));
    expect(d).toMatchObject({ eligible: false, amountFen: 0 });
    expect(failed(firm(null))).toContain('“长春禹衡光学有限公司”未登记设立信息（成立日期、出资方式、实缴货币出资）');
  });

  it('refuses a founding the firm declared but staff have not confirmed', () => {
    expect(failed(firm(founding(30_000_000_00, { confirmed: false, source: null })))).toEqual([
      '“长春禹衡光学有限公司”申报的设立信息尚未经辖区工作人员确认',
      '“长春禹衡光学有限公司”不是以技术成果作价入股设立的企业',
      '无经确认的注册资本实缴货币出资额',
    ]);
  });

  it('refuses a firm founded otherwise (cash only), and one without paid-in cash', () => {
    expect(failed(firm(founding(30_000_000_00, { withTechnologyEquity: false })))).toEqual([
      '“长春禹衡光学有限公司”不是以技术成果作价入股设立的企业',
    ]);
    expect(failed(firm(founding(0)))).toEqual(['无经确认的注册资本实缴货币出资额']);
  });

  it('refuses a firm located outside the province (e.g. a Zhejiang partner registered with the platform)', () => {
    expect(failed(firm(founding(30_000_000_00), { inProvince: false, divisionCode: '330106' }))).toEqual([
      '“长春禹衡光学有限公司”不是省内企业',
    ]);
  });

  it('is decided on the registration of the equity contract only', () => {
    expect(failed(firm(founding(10_000_000_00)), 'patent_right')).toEqual(['合同不是技术成果作价入股']);
  });
});
