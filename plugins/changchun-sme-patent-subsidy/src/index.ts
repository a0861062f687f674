import { Checks, definePolicyPlugin, minFen, notEligible, pct, percentOf, yuan } from '@techmarket/plugin-api';

/**
 * 长春市支持中小企业转化高校院所专利技术：按不高于技术合同额 3%、单笔合同不高于 30 万元给予补贴
 * (吉科发区〔2022〕77号, 三、强化政策支持激励). The subsidy goes to the SME (the buyer).
 */
export default definePolicyPlugin({
  id: 'changchun-sme-patent-subsidy',
  version: '1.0.0',
  name: { zh: '长春市中小企业转化高校院所专利补贴', en: 'Changchun SME patent-conversion subsidy' },
  description: '中小企业受让或被许可高校院所专利并登记技术合同的，按技术合同额的一定比例给予补贴，单笔合同设上限。',
  tiers: ['city'],
  tenants: ['220100'],
  legalBasis: [
    {
      document: '吉科发区〔2022〕77号',
      title: '对省政协十二届五次会议第144号委员提案的答复',
      article: '一、（三）强化政策支持激励',
      file: '000_33053acef0338b97.txt',
    },
  ],
  params: {
    ratePercent: { type: 'percent', label: '补贴比例（技术合同额的百分比）', default: 3, min: 0, max: 3 },
    capFen: { type: 'money', label: '单笔合同补贴上限（分）', default: 300_000_00, min: 0, max: 300_000_00 },
    contractTypes: { type: 'list', label: '适用的合同类型', default: ['transfer', 'licence'] },
  },
  events: ['contract.registered'],
  // The subsidy rewards registering the contract in Changchun: the parameters in force on the registration day apply.
  governingDate: 'registered',
  exclusiveGroup: 'local-patent-conversion',
  evaluate(event, params) {
    if (event.type !== 'contract.registered') return [];
    const c = event.contract;
    const checks = new Checks();
    checks.check(c.buyer.isSme, `受让方“${c.buyer.name}”${c.buyer.isSme ? '是' : '不是'}中小企业`);
    checks.check(
      c.seller.type === 'university_institute',
      `让与方“${c.seller.name}”${c.seller.type === 'university_institute' ? '是' : '不是'}高校院所`,
    );
    const fromInstitutions = c.patents.filter((p) => p.holderType === 'university_institute');
    checks.check(
      fromInstitutions.length > 0,
      fromInstitutions.length
        ? `合同涉及高校院所专利 ${fromInstitutions.map((p) => p.applicationNumber).join('、')}`
        : '合同未涉及高校院所持有的专利',
    );
    checks.check(
      params.contractTypes.includes(c.contractType),
      `合同类型“${c.contractTypeLabel}”${params.contractTypes.includes(c.contractType) ? '属于' : '不属于'}转让或许可`,
    );
    const figures = { contractAmountFen: c.amountFen, ratePercent: params.ratePercent, capFen: params.capFen };
    if (!checks.allOk) return [notEligible(c.buyer.id, checks, figures)];
    const byRate = percentOf(c.amountFen, params.ratePercent);
    const amountFen = minFen(byRate, params.capFen);
    checks.note(`技术合同额 ${yuan(c.amountFen)} × ${pct(params.ratePercent)} = ${yuan(byRate)}`);
    checks.note(
      byRate > params.capFen
        ? `超过单笔上限 ${yuan(params.capFen)}，按上限补贴 ${yuan(amountFen)}`
        : `未超过单笔上限 ${yuan(params.capFen)}，补贴 ${yuan(amountFen)}`,
    );
    return [{ subjectOrgId: c.buyer.id, eligible: true, amountFen, reasons: checks.reasons, figures: { ...figures, byRateFen: byRate } }];
  },
});
