import type { SectionTable } from '@techmarket/rollup';
import type { FunnelRow, MatchFunnelRow } from './attribution.js';

type PerChild<R> = { total: R; byTenant: ({ tenantCode: string; tenantName: string } & R)[] };

/** 推送活动闭环 in the periodic reports (定期通报): one row per child tenant, then the total. */
export function campaignFunnelTable(f: PerChild<FunnelRow>): SectionTable {
  const cells = (r: FunnelRow) => [
    { count: r.recipients },
    { count: r.delivered },
    { count: r.bounced },
    { count: r.opened },
    { count: r.clicked },
    { count: r.interested },
    { count: r.contacted },
    { count: r.contracted },
    { fen: r.contractAmountFen },
  ];
  return {
    title: '推送活动闭环（按下级区域）',
    headings: ['区域', '推送（封）', '送达', '退信', '打开', '点击', '表达意向', '促成对接', '签约（项）', '签约金额（元）'],
    rows: [...f.byTenant.map((r) => [r.tenantName, ...cells(r)]), ['合计', ...cells(f.total)]],
  };
}

/** 撮合通知闭环 in the periodic reports: match notices told, answered, contacted, contracted, per child tenant. */
export function matchFunnelTable(f: PerChild<MatchFunnelRow>): SectionTable {
  const cells = (r: MatchFunnelRow) => [
    { count: r.told },
    { count: r.answered },
    { count: r.contacted },
    { count: r.contracted },
    { fen: r.contractAmountFen },
    { fen: r.techTransactionFen },
  ];
  return {
    title: '撮合通知闭环（按下级区域）',
    headings: ['区域', '匹配通知（条）', '回应', '促成对接', '签约（项）', '合同金额（元）', '技术交易额（元）'],
    rows: [...f.byTenant.map((r) => [r.tenantName, ...cells(r)]), ['合计', ...cells(f.total)]],
  };
}
