import { describe, expect, it } from '@jest/globals';
import { campaignBody, currentQuarter, funnelStages, isPeriod, periodOptions, segmentText, setText } from './campaigns.js';
import { fieldErrors } from './param-form.js';
import { CAMPAIGN_FIELD_ALIASES } from './campaigns.js';

describe('推送活动 in the console', () => {
  it('sends the form as the API’s set and segment, leaving out empty lists and blank keywords', () => {
    expect(
      campaignBody({
        name: ' 开放许可专利推送 ',
        subject: '为您精选的开放许可专利',
        intro: '  ',
        kind: 'patent',
        openLicenceOnly: true,
        setFields: [],
        keywords: [' 玉米 ', ''],
        tenantCode: '220100',
        statuses: ['sme'],
        segmentFields: undefined,
        itemsPerRecipient: 3,
      }),
    ).toEqual({
      name: '开放许可专利推送',
      subject: '为您精选的开放许可专利',
      intro: undefined,
      set: { kind: 'patent', openLicenceOnly: true, fields: undefined, keywords: ['玉米'] },
      segment: { tenantCode: '220100', statuses: ['sme'], fields: undefined },
      itemsPerRecipient: 3,
    });
  });
  it('puts the API’s field errors under the form’s fields', () => {
    expect(
      fieldErrors(
        [
          { field: 'segment.tenantCode', message: 'segment.tenantCode: 超出本辖区' },
          { field: 'set.keywords', message: 'set.keywords: 长度应为 1 至 20' },
        ],
        CAMPAIGN_FIELD_ALIASES,
      ),
    ).toEqual([
      { name: ['tenantCode'], errors: ['超出本辖区'] },
      { name: ['keywords'], errors: ['长度应为 1 至 20'] },
    ]);
  });
  it('says what a campaign pushes to whom in words, not codes', () => {
    expect(setText({ kind: 'patent', openLicenceOnly: true, fields: ['modern_agriculture'], keywords: ['玉米', '秸秆'] })).toBe(
      '开放许可专利 · 现代农业 · 关键词：玉米、秸秆',
    );
    expect(setText({ kind: 'achievement', openLicenceOnly: false })).toBe('科技成果');
    expect(setText({ kind: 'achievement', openLicenceOnly: true })).toBe('科技成果（仅开放许可）');
    expect(segmentText({ tenantCode: '220100', statuses: ['sme', 'highTech'] }, { '220100': '长春市' })).toBe(
      '长春市 · 中小企业、高新技术企业',
    );
    expect(segmentText({ tenantCode: '220122', fields: ['optoelectronics'] })).toBe('220122 · 全部企业 · 光电子');
  });
  it('shows the funnel with each stage’s share of the addresses and the amount in 元', () => {
    const stages = funnelStages({
      recipients: 8,
      delivered: 8,
      bounced: 0,
      opened: 4,
      clicked: 2,
      interested: 1,
      contacted: 1,
      contracted: 1,
      contractAmountFen: 500_000_000,
    });
    expect(stages.map((s) => [s.label, s.value, s.share])).toEqual([
      ['收件地址', '8', null],
      ['送达', '8', '100.0%'],
      ['打开', '4', '50.0%'],
      ['点击', '2', '25.0%'],
      ['意向', '1', '12.5%'],
      ['对接', '1', '12.5%'],
      ['签约', '1', '12.5%'],
      ['金额', '5,000,000.00 元', null],
    ]);
    expect(
      funnelStages({
        recipients: 0,
        delivered: 0,
        bounced: 0,
        opened: 0,
        clicked: 0,
        interested: 0,
        contacted: 0,
        contracted: 0,
        contractAmountFen: 0,
      })[1].share,
    ).toBeNull();
  });
  it('offers the match loop’s periods in the roll-up’s syntax, this quarter first by default', () => {
    expect(currentQuarter('2026-11-28')).toBe('2026-Q4');
    expect(currentQuarter('2026-03-31')).toBe('2026-Q1');
    expect(['2026', '2026-Q4', '2026-11'].every(isPeriod)).toBe(true);
    expect(['2026-Q5', '2026-13', '26', '2026-1'].some(isPeriod)).toBe(false);
    const opts = periodOptions('2026-Q4', '2026-05-02');
    expect(opts.map((o) => o.value)).toEqual([
      '2026',
      '2026-Q2',
      '2026-Q1',
      '2026-05',
      '2026-04',
      '2026-03',
      '2026-02',
      '2026-01',
      '2025',
      '2026-Q4',
    ]);
    expect(opts[1].label).toBe('2026年第2季度');
  });
});
