import { Checks, definePolicyPlugin, minFen, notEligible, pct, percentOf, yuan } from '@techmarket/plugin-api';

/**
 * 企业技术交易补助：对与高校、科研院所签订技术开发、技术转让合同并实施转化的省内企业，给予不超过
 * 实际技术合同成交额 10%、最高不超过 200 万元的补助 (吉科发区〔2022〕77号 二、（二）).
 * “Actual turnover” is the money received (到账金额), so the decision is re-made as payments arrive.
 */
export default definePolicyPlugin({
  id: 'province-tech-transaction-subsidy',
  version: '1.0.0',
  name: { zh: '吉林省企业技术交易补助', en: 'Provincial technology-transaction subsidy' },
  description: '省内企业与高校院所签订技术开发或技术转让合同并实施转化，按实际到账成交额的比例补助。',
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
    ratePercent: { type: 'percent', label: '补助比例（实际成交额的百分比）', default: 10, min: 0, max: 10 },
    capFen: { type: 'money', label: '每户每年补助上限（分）', default: 2_000_000_00, min: 0, max: 2_000_000_00 },
    contractTypes: { type: 'list', label: '适用的合同类型', default: ['development', 'transfer'] },
  },
  events: ['contract.registered', 'payment.received'],
  // 按“实际技术合同成交额”: the subsidy follows money actually received, under the parameters in force when it arrived.
  governingDate: 'received',
  // “最高不超过200万元”: read as per firm and year (docs/decisions/0012-subsidy-rules-reading.md); the engine sums a firm's contracts.
  subjectCaps: { perYearParam: 'capFen' },
  // “并实施转化”: implementation is declared by the parties and must be confirmed from evidence before money is approved.
  reliesOn: ['implemented'],
  exclusiveGroup: 'province-transaction',
  evaluate(event, params) {
    if (event.type !== 'contract.registered' && event.type !== 'payment.received') return [];
    const c = event.contract;
    const checks = new Checks();
    checks.check(
      c.buyer.type === 'enterprise' && c.buyer.inProvince,
      `受让方“${c.buyer.name}”${c.buyer.type === 'enterprise' && c.buyer.inProvince ? '是' : '不是'}省内企业`,
    );
    checks.check(
      c.seller.type === 'university_institute',
      `让与方“${c.seller.name}”${c.seller.type === 'university_institute' ? '是' : '不是'}高校、科研院所`,
    );
    const typeOk = params.contractTypes.includes(c.contractType);
    checks.check(typeOk, `合同类型“${c.contractTypeLabel}”${typeOk ? '属于' : '不属于'}技术开发或技术转让`);
    checks.check(c.implemented, c.implemented ? '合同已实施转化' : '合同尚未实施转化');
    checks.check(c.receivedFen > 0, `实际到账成交额 ${yuan(c.receivedFen)}${c.receivedFen > 0 ? '' : '，尚无到账'}`);
    const figures = { receivedFen: c.receivedFen, ratePercent: params.ratePercent, capFen: params.capFen };
    if (!checks.allOk) return [notEligible(c.buyer.id, checks, figures)];
    const byRate = percentOf(c.receivedFen, params.ratePercent);
    const amountFen = minFen(byRate, params.capFen);
    checks.note(`实际成交额 ${yuan(c.receivedFen)} × ${pct(params.ratePercent)} = ${yuan(byRate)}`);
    checks.note(byRate > params.capFen ? `超过上限 ${yuan(params.capFen)}，按上限补助 ${yuan(amountFen)}` : `补助 ${yuan(amountFen)}`);
    return [{ subjectOrgId: c.buyer.id, eligible: true, amountFen, reasons: checks.reasons, figures: { ...figures, byRateFen: byRate } }];
  },
});
