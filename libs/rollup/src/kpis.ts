import { type BuyerCategory, SME_CATEGORIES, type Side } from './classify.js';

/**
 * The KPIs the province follows, each computable from the aggregates: a side, a filter and a
 * measure. Targets are data (`rollup_target`); `SEEDED_TARGETS` are the figures of the texts.
 */
export interface KpiDefinition {
  label: { zh: string; en: string };
  side: Side;
  measure: 'contracts' | 'amount_fen' | 'tech_transaction_fen' | 'received_fen' | 'patents';
  unit: 'fen' | 'count';
  /** amount: an absolute yearly figure; growth: year-on-year in basis points. */
  target: 'amount' | 'growth';
  filter: { contractTypes?: string[]; buyerCategories?: BuyerCategory[]; sellerCategories?: string[]; withPatents?: boolean };
}

const PATENT_DEALS = { contractTypes: ['transfer', 'licence'], withPatents: true };
const SME_BUYERS = { ...PATENT_DEALS, buyerCategories: SME_CATEGORIES };
const UNIVERSITY_SELLERS = { ...PATENT_DEALS, sellerCategories: ['university_institute'] };

export const KPIS = {
  contract_turnover: {
    label: { zh: '技术合同成交额', en: 'Technology contract turnover' },
    side: 'registered',
    measure: 'amount_fen',
    unit: 'fen',
    target: 'amount',
    filter: {},
  },
  sme_patent_count: {
    label: { zh: '中小企业受让、被许可专利数量', en: 'Patents transferred or licensed to SMEs' },
    side: 'input',
    measure: 'patents',
    unit: 'count',
    target: 'growth',
    filter: SME_BUYERS,
  },
  sme_patent_amount: {
    label: { zh: '中小企业专利转让、许可成交金额', en: 'SMEs’ patent transfer and licence amount' },
    side: 'input',
    measure: 'amount_fen',
    unit: 'fen',
    target: 'growth',
    filter: SME_BUYERS,
  },
  sme_patent_received: {
    label: { zh: '中小企业专利转让、许可实际到账金额', en: 'SMEs’ patent transfer and licence money received' },
    side: 'input',
    measure: 'received_fen',
    unit: 'fen',
    target: 'growth',
    filter: SME_BUYERS,
  },
  university_patent_count: {
    label: { zh: '高校院所专利转让、许可数量', en: 'Patents transferred or licensed by universities and institutes' },
    side: 'output',
    measure: 'patents',
    unit: 'count',
    target: 'growth',
    filter: UNIVERSITY_SELLERS,
  },
  university_patent_amount: {
    label: { zh: '高校院所专利转让、许可成交金额', en: 'Universities’ patent transfer and licence amount' },
    side: 'output',
    measure: 'amount_fen',
    unit: 'fen',
    target: 'growth',
    filter: UNIVERSITY_SELLERS,
  },
  university_patent_received: {
    label: { zh: '高校院所专利转让、许可实际到账金额', en: 'Universities’ patent transfer and licence money received' },
    side: 'output',
    measure: 'received_fen',
    unit: 'fen',
    target: 'growth',
    filter: UNIVERSITY_SELLERS,
  },
} satisfies Record<string, KpiDefinition>;
export type KpiCode = keyof typeof KPIS;
export const KPI_CODES = Object.keys(KPIS) as KpiCode[];

const GROWTH_2021_2023 = '吉知产联字〔2021〕1号 二、工作目标';
/** The texts' figures, for the province (220000). 300亿元 = 3 × 10^12 fen. */
export const SEEDED_TARGETS: { year: number; kpi: KpiCode; value?: number; growthBp?: number; source: string }[] = [
  {
    year: 2020,
    kpi: 'contract_turnover',
    value: 300_0000_0000_00,
    source: '吉政发〔2018〕27号 二、（二）发展目标：2020年全省技术合同交易额达300亿元',
  },
  {
    year: 2025,
    kpi: 'contract_turnover',
    value: 500_0000_0000_00,
    source: '吉政发〔2018〕27号 二、（二）发展目标：2025年全省技术合同成交金额突破500亿元',
  },
  ...[2021, 2022, 2023].flatMap((year) => [
    ...(['sme_patent_count', 'sme_patent_amount', 'sme_patent_received'] as const).map((kpi) => ({
      year,
      kpi,
      growthBp: 1000,
      source: GROWTH_2021_2023,
    })),
    ...(['university_patent_count', 'university_patent_amount', 'university_patent_received'] as const).map((kpi) => ({
      year,
      kpi,
      growthBp: 2000,
      source: GROWTH_2021_2023,
    })),
  ]),
];

/** SQL condition and parameters for a KPI's filter on rollup_aggregate (parameters from `$first`). */
export function kpiFilterSql(def: KpiDefinition, first: number): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (column: string, values: unknown) => {
    params.push(values);
    parts.push(`${column} = ANY($${first + params.length - 1})`);
  };
  if (def.filter.contractTypes) add('contract_type', def.filter.contractTypes);
  if (def.filter.buyerCategories) add('buyer_category', def.filter.buyerCategories);
  if (def.filter.sellerCategories) add('seller_category', def.filter.sellerCategories);
  if (def.filter.withPatents !== undefined) {
    params.push(def.filter.withPatents);
    parts.push(`with_patents = $${first + params.length - 1}`);
  }
  return { sql: parts.length ? parts.join(' AND ') : 'true', params };
}

/**
 * Whether a KPI is on track: a growth target is met when the year-on-year growth reaches it
 * (no base last year: unknown); an amount target when the year so far reaches the target's
 * share of the elapsed months.
 */
export function onTrack(
  def: KpiDefinition,
  target: { value: number | null; growthBp: number | null } | null,
  actual: number,
  previous: number,
  monthsElapsed: number,
): boolean | null {
  if (!target || monthsElapsed <= 0) return null;
  if (def.target === 'growth') {
    if (target.growthBp === null || previous <= 0) return null;
    return actual * 10_000 >= previous * (10_000 + target.growthBp);
  }
  if (target.value === null) return null;
  return actual * 12 >= target.value * monthsElapsed;
}

/** Year-on-year change in percent, two decimals; null without a base. */
export function yoyPercent(actual: number, previous: number): number | null {
  if (previous <= 0) return null;
  return Math.round(((actual - previous) / previous) * 10_000) / 100;
}
