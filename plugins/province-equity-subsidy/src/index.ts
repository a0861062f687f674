import { Checks, definePolicyPlugin, minFen, notEligible, pct, percentOf, yuan } from '@techmarket/plugin-api';

/**
 * 对以技术成果作价入股成立的省内企业，给予注册资本金实缴现金额 1%、不超过 100 万元的补助
 * (吉科发区〔2022〕77号 二、（二）). Delivered with the registration of the equity contract
 * (技术转让 · 作价入股) that founds the firm; the buyer is the new firm.
 */
export default definePolicyPlugin({
  id: 'province-equity-subsidy',
  version: '1.0.0',
  name: { zh: '吉林省技术成果作价入股企业补助', en: 'Provincial technology-equity subsidy' },
  description: '以技术成果作价入股成立的省内企业，按注册资本实缴现金额的比例补助。',
  tiers: ['province'],
  legalBasis: [
    {
      document: '吉科发区〔2022〕77号',
      title: '对省政协十二届五次会议第144号委员提案的答复',
      article: '二、（二）充分利用省级科技创新专项资金',
      file: '000_33053acef0338b97.txt',
    },
  ],
  params: {
    ratePercent: { type: 'percent', label: '补助比例（实缴现金的百分比）', default: 1, min: 0, max: 1 },
    capFen: { type: 'money', label: '补助上限（分）', default: 1_000_000_00, min: 0, max: 1_000_000_00 },
  },
  events: ['contract.registered'],
  // The equity contract's registration is what the programme year counts.
  governingDate: 'registered',
  // Granted to the founded firm for its founding: once per firm (docs/decisions/0012-subsidy-rules-reading.md).
  subjectCaps: { once: true },
  evaluate(event, params) {
    if (event.type !== 'contract.registered') return [];
    const c = event.contract;
    const firm = c.buyer;
    const checks = new Checks();
    checks.check(c.subType === 'equity', c.subType === 'equity' ? '合同为技术成果作价入股' : '合同不是技术成果作价入股');
    checks.check(
      !!firm.foundedWithTechEquity,
      firm.foundedWithTechEquity ? `“${firm.name}”以技术成果作价入股成立` : `“${firm.name}”不是以技术成果作价入股新成立的企业`,
    );
    checks.check(
      firm.type === 'enterprise' && firm.inProvince,
      `“${firm.name}”${firm.type === 'enterprise' && firm.inProvince ? '是' : '不是'}省内企业`,
    );
    const cash = firm.paidInCashCapitalFen ?? 0;
    checks.check(cash > 0, cash > 0 ? `注册资本实缴现金 ${yuan(cash)}` : '未登记注册资本实缴现金额');
    const figures = { paidInCashCapitalFen: cash, ratePercent: params.ratePercent, capFen: params.capFen };
    if (!checks.allOk) return [notEligible(firm.id, checks, figures)];
    const byRate = percentOf(cash, params.ratePercent);
    const amountFen = minFen(byRate, params.capFen);
    checks.note(`实缴现金 ${yuan(cash)} × ${pct(params.ratePercent)} = ${yuan(byRate)}`);
    checks.note(byRate > params.capFen ? `超过上限 ${yuan(params.capFen)}，按上限补助 ${yuan(amountFen)}` : `补助 ${yuan(amountFen)}`);
    return [{ subjectOrgId: firm.id, eligible: true, amountFen, reasons: checks.reasons, figures: { ...figures, byRateFen: byRate } }];
  },
});
