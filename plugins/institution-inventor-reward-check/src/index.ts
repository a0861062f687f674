import { Checks, definePolicyPlugin, yuan } from '@techmarket/plugin-api';

/**
 * 《吉林省技术市场条例》第四章：研究开发机构、高等院校应将职务科技成果转让的净收入，以不低于百分之七十
 * 的比例，对完成和转化科技成果做出重要贡献的人员给予奖励 (cited in 吉科发办〔2022〕110号). A check,
 * not a subsidy: a contract whose reported distribution is below the threshold is flagged.
 */
export default definePolicyPlugin({
  id: 'institution-inventor-reward-check',
  version: '1.0.0',
  name: { zh: '职务科技成果转化奖励比例核查', en: 'Inventor reward share check' },
  description: '高校院所转让职务科技成果时，核查奖励给完成人的比例是否不低于净收入的 70%，不足的标记预警。',
  tiers: ['province', 'city'],
  legalBasis: [
    {
      document: '吉科发办〔2022〕110号',
      title: '对省政协十二届五次会议第L37号委员提案的答复（引《吉林省技术市场条例》第四章）',
      article: '6. 加强科技成果对科研人员的长期激励',
      file: '003_65b7571195e3e3c6.txt',
    },
  ],
  params: {
    minSharePercent: { type: 'percent', label: '奖励完成人的最低比例（净收入的百分比）', default: 70, min: 0, max: 100 },
  },
  events: ['contract.registered', 'payment.received'],
  // Net income, and the inventors' share of it, arise as money arrives: the rule in force on that day applies.
  governingDate: 'received',
  evaluate(event, params) {
    if (event.type !== 'contract.registered' && event.type !== 'payment.received') return [];
    const c = event.contract;
    if (c.seller.type !== 'university_institute') return [];
    const checks = new Checks();
    const net = c.netIncomeFen ?? null;
    const reward = c.inventorRewardFen ?? null;
    if (net === null || reward === null || net <= 0) {
      checks.check(false, '未填报净收入或完成人奖励金额，无法核查');
      return [
        {
          subjectOrgId: c.seller.id,
          eligible: false,
          amountFen: 0,
          reasons: checks.reasons,
          figures: {},
          effects: { flag: { code: 'inventor_reward_unreported', text: '未填报转化净收入分配' } },
        },
      ];
    }
    // Compare in integers: reward × 10000 ≥ net × share(hundredths of %).
    const shareHundredths = Math.round(params.minSharePercent * 100);
    const ok = BigInt(reward) * 10000n >= BigInt(net) * BigInt(shareHundredths);
    const actual = Number((BigInt(reward) * 10000n) / BigInt(net)) / 100;
    checks.check(
      ok,
      `净收入 ${yuan(net)}，奖励完成人 ${yuan(reward)}，占 ${actual}%，${ok ? '不低于' : '低于'} ${params.minSharePercent}%`,
    );
    return [
      {
        subjectOrgId: c.seller.id,
        eligible: ok,
        amountFen: 0,
        reasons: checks.reasons,
        figures: { netIncomeFen: net, inventorRewardFen: reward, sharePercent: actual, minSharePercent: params.minSharePercent },
        ...(ok ? {} : { effects: { flag: { code: 'inventor_reward_below_threshold', text: `完成人奖励仅占净收入 ${actual}%` } } }),
      },
    ];
  },
});
