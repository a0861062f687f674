import { Checks, definePolicyPlugin, yuan } from '@techmarket/plugin-api';

/**
 * 高校院所转让或许可专利 50 件以上并产生经济效益，省每年给予不超过 30 万元奖励
 * (吉科发区〔2022〕77号 一、（三）). Decided when the province closes the year, one decision per institution.
 */
export default definePolicyPlugin({
  id: 'province-university-licensing-reward',
  version: '1.0.0',
  name: { zh: '高校院所专利转让许可奖励', en: 'University patent licensing reward' },
  description: '年度内转让或许可专利达到一定件数并产生经济效益的高校院所，给予年度奖励。',
  tiers: ['province'],
  legalBasis: [
    {
      document: '吉科发区〔2022〕77号',
      title: '对省政协十二届五次会议第144号委员提案的答复',
      article: '一、（三）强化政策支持激励',
      file: '000_33053acef0338b97.txt',
    },
  ],
  params: {
    minPatents: { type: 'count', label: '年度转让或许可专利件数下限', default: 50, min: 1 },
    rewardFen: { type: 'money', label: '年度奖励金额（分）', default: 300_000_00, min: 0, max: 300_000_00 },
  },
  events: ['year.closed'],
  evaluate(event, params) {
    if (event.type !== 'year.closed') return [];
    return event.institutions.map((y) => {
      const checks = new Checks();
      checks.check(
        y.institution.type === 'university_institute',
        `“${y.institution.name}”${y.institution.type === 'university_institute' ? '是' : '不是'}高校院所`,
      );
      checks.check(
        y.patentsTransferred >= params.minPatents,
        `${y.year} 年转让或许可专利 ${y.patentsTransferred} 件，${y.patentsTransferred >= params.minPatents ? '达到' : '未达到'} ${params.minPatents} 件`,
      );
      checks.check(y.receivedFen > 0, y.receivedFen > 0 ? `产生经济效益：到账 ${yuan(y.receivedFen)}` : '未产生经济效益（无到账金额）');
      const ok = checks.allOk;
      if (ok) checks.note(`给予年度奖励 ${yuan(params.rewardFen)}`);
      return {
        subjectOrgId: y.institution.id,
        eligible: ok,
        amountFen: ok ? params.rewardFen : 0,
        reasons: checks.reasons,
        figures: {
          year: y.year,
          patentsTransferred: y.patentsTransferred,
          receivedFen: y.receivedFen,
          minPatents: params.minPatents,
          rewardFen: params.rewardFen,
        },
      };
    });
  },
});
