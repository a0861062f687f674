import { Checks, definePolicyPlugin, minFen, notEligible, pct, percentOf, yuan } from '@techmarket/plugin-api';

/**
 * 对以技术成果作价入股成立的省内企业，给予注册资本金实缴现金额1%，不超过100万元的补助
 * (吉科发区〔2022〕77号 二、（二）).
 *
 * The subsidy is for the firm, on the facts of how it was founded: the firm's own organisation
 * record, confirmed by tier staff from a named source (营业执照、验资报告…) — founded with
 * technology as equity, and its paid-in cash capital (货币出资). The registration of the equity
 * contract (技术转让 · 作价入股) whose buyer is the new firm is the occasion the engine decides on;
 * the contract's sub-type alone proves nothing about the firm. A declaration the firm made but
 * staff have not confirmed does not count, and says so.
 */
export default definePolicyPlugin({
  id: 'province-equity-subsidy',
  version: '1.1.0',
  name: { zh: '吉林省技术成果作价入股企业补助', en: 'Provincial technology-equity subsidy' },
  description: '以技术成果作价入股成立的省内企业，按经确认的注册资本实缴货币出资额的比例补助。',
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
    const founding = firm.founding ?? null;
    const checks = new Checks();
    checks.check(c.subType === 'equity', c.subType === 'equity' ? '合同为技术成果作价入股' : '合同不是技术成果作价入股');
    checks.check(
      !!founding?.confirmed,
      founding?.confirmed
        ? `“${firm.name}”的设立信息已经辖区工作人员确认${founding.source ? `（来源：${founding.source.name}）` : ''}`
        : founding
          ? `“${firm.name}”申报的设立信息尚未经辖区工作人员确认`
          : `“${firm.name}”未登记设立信息（成立日期、出资方式、实缴货币出资）`,
    );
    const withEquity = !!founding?.confirmed && founding.withTechnologyEquity;
    checks.check(
      withEquity,
      withEquity ? `“${firm.name}”于 ${founding!.foundedOn} 以技术成果作价入股设立` : `“${firm.name}”不是以技术成果作价入股设立的企业`,
    );
    checks.check(
      firm.type === 'enterprise' && firm.inProvince,
      `“${firm.name}”${firm.type === 'enterprise' && firm.inProvince ? '是' : '不是'}省内企业`,
    );
    const cash = founding?.confirmed ? founding.paidInCashCapitalFen : 0;
    checks.check(cash > 0, cash > 0 ? `注册资本实缴货币出资 ${yuan(cash)}` : '无经确认的注册资本实缴货币出资额');
    const figures = {
      paidInCashCapitalFen: cash,
      foundedOn: founding?.foundedOn ?? '',
      foundingConfirmed: !!founding?.confirmed,
      foundingSource: founding?.source?.name ?? '',
      ratePercent: params.ratePercent,
      capFen: params.capFen,
    };
    if (!checks.allOk) return [notEligible(firm.id, checks, figures)];
    const byRate = percentOf(cash, params.ratePercent);
    const amountFen = minFen(byRate, params.capFen);
    checks.note(`实缴货币出资 ${yuan(cash)} × ${pct(params.ratePercent)} = ${yuan(byRate)}`);
    checks.note(byRate > params.capFen ? `超过上限 ${yuan(params.capFen)}，按上限补助 ${yuan(amountFen)}` : `补助 ${yuan(amountFen)}`);
    return [{ subjectOrgId: firm.id, eligible: true, amountFen, reasons: checks.reasons, figures: { ...figures, byRateFen: byRate } }];
  },
});
