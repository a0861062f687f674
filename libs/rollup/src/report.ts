import ExcelJS from 'exceljs';
import { SIDES, type Side } from './classify.js';
import type { ReportCell, SectionTable } from './rollup-sections.js';
import type { KpiRow, KpiTable, Statistics, Totals } from './rollup.service.js';

/**
 * 定期通报: a tenant's monthly or annual report of registered technology contracts, as an XLSX
 * workbook (one sheet per section, real number formats: money in 元 with thousands separators,
 * shares and growth as percentages) and as a printable zh-CN HTML page. Pure: both are made from
 * the same `ReportData`, the snapshot stored with the report.
 */

export type ReportKind = 'monthly' | 'annual';

export interface ReportData {
  kind: ReportKind;
  /** `YYYY-MM` or `YYYY`. */
  period: string;
  title: string;
  /** ISO time the figures were read. */
  generatedAt: string;
  statistics: Statistics;
  kpis: KpiTable;
  /** Later modules' tables (rollup-sections.ts), after the roll-up's own; absent in reports stored before they existed. */
  sections?: SectionTable[];
}

export const MONEY_FORMAT = '#,##0.00';
export const COUNT_FORMAT = '#,##0';
export const PERCENT_FORMAT = '0.00%';

export const TIER_LABELS: Record<string, string> = { province: '省', city: '市（州）', county: '县（市、区）' };
const SIDE_LABELS: Record<Side, string> = { registered: '登记', output: '技术输出', input: '技术吸纳' };

/** The measure columns every statistics table has, in this order. */
const MEASURES: { key: keyof Totals; heading: string; money: boolean }[] = [
  { key: 'contracts', heading: '合同数（项）', money: false },
  { key: 'amountFen', heading: '成交额（元）', money: true },
  { key: 'techTransactionFen', heading: '技术交易额（元）', money: true },
  { key: 'receivedFen', heading: '实际到账金额（元）', money: true },
  { key: 'patents', heading: '涉及专利（件）', money: false },
];

/** The breakdown sheets: name, the statistics key, the heading of the category column. */
export const BREAKDOWN_SHEETS = [
  { sheet: '按合同类型', key: 'byContractType', heading: '合同类型' },
  { sheet: '按技术领域', key: 'byField', heading: '技术领域' },
  { sheet: '按买方类别', key: 'byBuyerCategory', heading: '买方类别' },
  { sheet: '按卖方类别', key: 'bySellerCategory', heading: '卖方类别' },
  { sheet: '按下级区域', key: 'byChild', heading: '下级区域' },
] as const;

export const SHEET_NAMES = ['总计', ...BREAKDOWN_SHEETS.map((b) => b.sheet), '输出吸纳与流向', '考核指标'];

/** `2025-03` → monthly, `2025` → annual; null for anything else. */
export function reportKind(period: string): ReportKind | null {
  if (/^\d{4}$/.test(period)) return 'annual';
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return 'monthly';
  return null;
}

/** The period a scheduled run on China date `today` reports on: the month or the year just ended. */
export function previousPeriod(kind: ReportKind, today: string): string {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  if (kind === 'annual') return String(y - 1);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** `2025-03` → 2025年3月; `2025` → 2025年度. */
export function periodLabel(period: string): string {
  return period.length === 4 ? `${period}年度` : `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`;
}

export function reportTitle(tenantName: string, kind: ReportKind, period: string): string {
  return `${tenantName}${periodLabel(period)}技术合同登记统计通报${kind === 'annual' ? '（年报）' : '（月报）'}`;
}

/** Fen (integer) → 元 as a number, for cells formatted `#,##0.00`. */
export const yuan = (fen: number) => fen / 100;

/** Fen → `1,234,567.89` (thousands separators, two decimals), exact for any safe integer. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

const formatCount = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
/** A fraction → `12.34%`; null → —. */
const formatPercent = (f: number | null) => (f === null ? '—' : `${(f * 100).toFixed(2)}%`);
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Rows of a breakdown (every side), as the XLSX and the HTML show them. */
function breakdownRows(data: ReportData, key: (typeof BREAKDOWN_SHEETS)[number]['key']) {
  return SIDES.flatMap((side) => {
    const s = data.statistics[side];
    const items =
      key === 'byChild'
        ? s.byChild.map((c) => ({ ...c, label: c.code ? `${c.name}（${c.code}）` : c.name }))
        : (s[key] as (Totals & { label: string })[]);
    return items.map((x) => ({ side, label: x.label, totals: x as Totals, share: share(x.amountFen, s.totals.amountFen) }));
  });
}

/** 输出/吸纳 per child tenant, and the tenant's own line: what went out, what came in, the balance. */
function exchangeRows(data: ReportData) {
  const out = new Map(data.statistics.output.byChild.map((c) => [c.code, c]));
  const inn = new Map(data.statistics.input.byChild.map((c) => [c.code, c]));
  const codes = [...new Set([...out.keys(), ...inn.keys()])];
  const rows = codes.map((code) => {
    const o = out.get(code);
    const i = inn.get(code);
    const name = (o ?? i)!.name;
    return {
      label: code ? `${name}（${code}）` : name,
      outContracts: o?.contracts ?? 0,
      outFen: o?.amountFen ?? 0,
      inContracts: i?.contracts ?? 0,
      inFen: i?.amountFen ?? 0,
    };
  });
  const t = data.statistics;
  rows.push({
    label: `合计：${t.tenant.name}`,
    outContracts: t.output.totals.contracts,
    outFen: t.output.totals.amountFen,
    inContracts: t.input.totals.contracts,
    inFen: t.input.totals.amountFen,
  });
  return rows;
}

/** Where the technology the tenant's sellers sold went (技术输出 by 就地转化 flow). */
function flowRows(data: ReportData) {
  const s = data.statistics.output;
  return s.byFlow.map((f) => ({
    label: f.label,
    contracts: f.contracts,
    amountFen: f.amountFen,
    share: share(f.amountFen, s.totals.amountFen),
  }));
}

function kpiRows(data: ReportData) {
  return data.kpis.tiers.flatMap((t) =>
    t.kpis.map((k) => ({
      tenant: `${t.tenant.name}（${t.tenant.code}）`,
      tier: TIER_LABELS[t.tenant.tier] ?? t.tenant.tier,
      kpi: k,
    })),
  );
}

const kpiValue = (k: KpiRow, v: number) => (k.unit === 'fen' ? yuan(v) : v);
const onTrackLabel = (v: boolean | null) => (v === null ? '—' : v ? '是' : '否');

// ---------------------------------------------------------------- XLSX

function sheet(wb: ExcelJS.Workbook, name: string, title: string, headings: string[]) {
  const ws = wb.addWorksheet(name, { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  const header = ws.getRow(2);
  headings.forEach((h, i) => {
    header.getCell(i + 1).value = h;
    header.getCell(i + 1).font = { bold: true };
    ws.getColumn(i + 1).width = i === 0 ? 28 : 18;
  });
  ws.views = [{ state: 'frozen', ySplit: 2 }];
  return ws;
}

function measureCells(row: ExcelJS.Row, first: number, t: Totals) {
  MEASURES.forEach((m, i) => {
    const cell = row.getCell(first + i);
    cell.value = m.money ? yuan(t[m.key]) : t[m.key];
    cell.numFmt = m.money ? MONEY_FORMAT : COUNT_FORMAT;
  });
}

/** A fraction formatted as a percentage; without a base (no last year, nothing in total): —. */
function percentCell(cell: ExcelJS.Cell, f: number | null) {
  if (f === null) {
    cell.value = '—';
    cell.alignment = { horizontal: 'right' };
    return;
  }
  cell.value = f;
  cell.numFmt = PERCENT_FORMAT;
}

/**
 * The workbook. Every sheet: row 1 the title, row 2 the headings, data from row 3.
 * 总计: one row per side. Breakdowns: 口径, the category, the measures, 成交额占比.
 * 输出吸纳与流向: per child 输出/吸纳 and the balance, then (after a blank row) the flows.
 * 考核指标: every tier's KPIs: actual, last year, 同比, target, on track, source.
 */
export async function reportXlsx(data: ReportData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '吉林省科技大市场';
  wb.created = new Date(data.generatedAt);
  const span = `${data.title}`;

  const totals = sheet(wb, '总计', `${span} — 总计`, ['口径', ...MEASURES.map((m) => m.heading)]);
  SIDES.forEach((side, i) => {
    const row = totals.getRow(3 + i);
    row.getCell(1).value = data.statistics.sides[side];
    measureCells(row, 2, data.statistics[side].totals);
  });

  for (const b of BREAKDOWN_SHEETS) {
    const ws = sheet(wb, b.sheet, `${span} — ${b.sheet}`, ['口径', b.heading, ...MEASURES.map((m) => m.heading), '成交额占比']);
    breakdownRows(data, b.key).forEach((r, i) => {
      const row = ws.getRow(3 + i);
      row.getCell(1).value = SIDE_LABELS[r.side];
      row.getCell(2).value = r.label;
      measureCells(row, 3, r.totals);
      percentCell(row.getCell(3 + MEASURES.length), r.share);
    });
  }

  const ex = sheet(wb, '输出吸纳与流向', `${span} — 技术输出、技术吸纳与流向`, [
    '区域',
    '技术输出合同数（项）',
    '技术输出成交额（元）',
    '技术吸纳合同数（项）',
    '技术吸纳成交额（元）',
    '净吸纳额（元）',
  ]);
  const exchange = exchangeRows(data);
  exchange.forEach((r, i) => {
    const row = ex.getRow(3 + i);
    row.getCell(1).value = r.label;
    [r.outContracts, yuan(r.outFen), r.inContracts, yuan(r.inFen), yuan(r.inFen - r.outFen)].forEach((v, j) => {
      row.getCell(2 + j).value = v;
      row.getCell(2 + j).numFmt = j % 2 === 0 && j < 4 ? COUNT_FORMAT : MONEY_FORMAT;
    });
  });
  const flowStart = 3 + exchange.length + 1;
  ['技术输出流向（就地转化）', '合同数（项）', '成交额（元）', '成交额占比'].forEach((h, j) => {
    ex.getCell(flowStart, 1 + j).value = h;
    ex.getCell(flowStart, 1 + j).font = { bold: true };
  });
  flowRows(data).forEach((f, i) => {
    const row = ex.getRow(flowStart + 1 + i);
    row.getCell(1).value = f.label;
    row.getCell(2).value = f.contracts;
    row.getCell(2).numFmt = COUNT_FORMAT;
    row.getCell(3).value = yuan(f.amountFen);
    row.getCell(3).numFmt = MONEY_FORMAT;
    percentCell(row.getCell(4), f.share);
  });

  const k = sheet(wb, '考核指标', `${span} — 考核指标（${kpiSpan(data.kpis)}）`, [
    '区域',
    '层级',
    '指标',
    '本期实际',
    '上年同期',
    '同比增长',
    '目标',
    '是否达标',
    '目标依据',
  ]);
  kpiRows(data).forEach((r, i) => {
    const row = k.getRow(3 + i);
    const numFmt = r.kpi.unit === 'fen' ? MONEY_FORMAT : COUNT_FORMAT;
    row.getCell(1).value = r.tenant;
    row.getCell(2).value = r.tier;
    row.getCell(3).value = `${r.kpi.label.zh}${r.kpi.unit === 'fen' ? '（元）' : ''}`;
    row.getCell(4).value = kpiValue(r.kpi, r.kpi.actual);
    row.getCell(4).numFmt = numFmt;
    row.getCell(5).value = kpiValue(r.kpi, r.kpi.previous);
    row.getCell(5).numFmt = numFmt;
    percentCell(row.getCell(6), r.kpi.yoyPercent === null ? null : r.kpi.yoyPercent / 100);
    const t = r.kpi.target;
    if (t?.value !== null && t?.value !== undefined) {
      row.getCell(7).value = kpiValue(r.kpi, t.value);
      row.getCell(7).numFmt = numFmt;
    } else if (t?.growthPercent !== null && t?.growthPercent !== undefined) {
      percentCell(row.getCell(7), t.growthPercent / 100);
    }
    row.getCell(8).value = onTrackLabel(r.kpi.onTrack);
    row.getCell(9).value = t ? `${t.source}${t.inherited ? '（沿用上级目标）' : ''}` : '';
  });

  for (const t of data.sections ?? []) {
    const ws = sheet(wb, sheetName(t.title), `${span} — ${t.title}`, t.headings);
    t.rows.forEach((cells, i) => {
      const row = ws.getRow(3 + i);
      cells.forEach((c, j) => sectionCell(row.getCell(1 + j), c));
    });
  }

  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A worksheet name: at most 31 characters, none of : \\ / ? * [ ]. */
const sheetName = (title: string) => title.replace(/[:\\/?*[\]]/g, '·').slice(0, 31);

function sectionCell(cell: ExcelJS.Cell, c: ReportCell) {
  if (typeof c === 'string') cell.value = c;
  else if ('count' in c) {
    cell.value = c.count;
    cell.numFmt = COUNT_FORMAT;
  } else if ('fen' in c) {
    cell.value = yuan(c.fen);
    cell.numFmt = MONEY_FORMAT;
  } else percentCell(cell, c.share);
}

const sectionText = (c: ReportCell) =>
  typeof c === 'string' ? c : 'count' in c ? formatCount(c.count) : 'fen' in c ? formatYuan(c.fen) : formatPercent(c.share);

function kpiSpan(k: KpiTable): string {
  return k.period ? `${k.year}年1—${k.monthsElapsed}月，与上年同期比` : `${k.year}年`;
}

// ---------------------------------------------------------------- HTML

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function table(headings: string[], rows: string[][], numericFrom = 1): string {
  const th = headings.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const tr = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${i >= numericFrom ? ' class="n"' : ''}>${escapeHtml(c)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table>`;
}

const measureTexts = (t: Totals) => MEASURES.map((m) => (m.money ? formatYuan(t[m.key]) : formatCount(t[m.key])));

/** The printable page: the same sections and figures as the workbook, every text escaped. */
export function reportHtml(data: ReportData): string {
  const parts: string[] = [];
  parts.push(`<h2>一、总计</h2>`);
  parts.push(
    table(
      ['口径', ...MEASURES.map((m) => m.heading)],
      SIDES.map((side) => [data.statistics.sides[side], ...measureTexts(data.statistics[side].totals)]),
    ),
  );
  const numerals = ['二', '三', '四', '五', '六', '七', '八'];
  BREAKDOWN_SHEETS.forEach((b, i) => {
    parts.push(`<h2>${numerals[i]}、${escapeHtml(b.sheet)}</h2>`);
    parts.push(
      table(
        ['口径', b.heading, ...MEASURES.map((m) => m.heading), '成交额占比'],
        breakdownRows(data, b.key).map((r) => [SIDE_LABELS[r.side], r.label, ...measureTexts(r.totals), formatPercent(r.share)]),
        2,
      ),
    );
  });
  parts.push(`<h2>七、技术输出、技术吸纳与流向</h2>`);
  parts.push(
    table(
      ['区域', '技术输出合同数（项）', '技术输出成交额（元）', '技术吸纳合同数（项）', '技术吸纳成交额（元）', '净吸纳额（元）'],
      exchangeRows(data).map((r) => [
        r.label,
        formatCount(r.outContracts),
        formatYuan(r.outFen),
        formatCount(r.inContracts),
        formatYuan(r.inFen),
        formatYuan(r.inFen - r.outFen),
      ]),
    ),
  );
  parts.push(
    table(
      ['技术输出流向（就地转化）', '合同数（项）', '成交额（元）', '成交额占比'],
      flowRows(data).map((f) => [f.label, formatCount(f.contracts), formatYuan(f.amountFen), formatPercent(f.share)]),
    ),
  );
  parts.push(`<h2>八、考核指标（${escapeHtml(kpiSpan(data.kpis))}）</h2>`);
  parts.push(
    table(
      ['区域', '层级', '指标', '本期实际', '上年同期', '同比增长', '目标', '是否达标', '目标依据'],
      kpiRows(data).map((r) => {
        const fmt = (v: number) => (r.kpi.unit === 'fen' ? formatYuan(v) : formatCount(v));
        const t = r.kpi.target;
        const target =
          t?.value !== null && t?.value !== undefined
            ? fmt(t.value)
            : t?.growthPercent !== null && t?.growthPercent !== undefined
              ? `同比增长 ${t.growthPercent.toFixed(2)}%`
              : '—';
        return [
          r.tenant,
          r.tier,
          `${r.kpi.label.zh}${r.kpi.unit === 'fen' ? '（元）' : ''}`,
          fmt(r.kpi.actual),
          fmt(r.kpi.previous),
          formatPercent(r.kpi.yoyPercent === null ? null : r.kpi.yoyPercent / 100),
          target,
          onTrackLabel(r.kpi.onTrack),
          t ? `${t.source}${t.inherited ? '（沿用上级目标）' : ''}` : '',
        ];
      }),
      3,
    ),
  );
  const more = ['九', '十', '十一', '十二', '十三', '十四'];
  (data.sections ?? []).forEach((t, i) => {
    parts.push(`<h2>${more[i] ?? String(9 + i)}、${escapeHtml(t.title)}</h2>`);
    parts.push(
      table(
        t.headings,
        t.rows.map((r) => r.map(sectionText)),
      ),
    );
  });
  const p = data.statistics.period;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(data.title)}</title>
<style>
body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; margin: 2em; color: #111; }
h1 { font-size: 20px; text-align: center; } h2 { font-size: 16px; margin-top: 1.5em; }
table { border-collapse: collapse; width: 100%; margin: .5em 0; font-size: 13px; page-break-inside: auto; }
th, td { border: 1px solid #999; padding: 3px 6px; } th { background: #eee; } td.n { text-align: right; }
tr { page-break-inside: avoid; } .meta { text-align: center; color: #444; }
@media print { body { margin: 0; } }
</style></head><body>
<h1>${escapeHtml(data.title)}</h1>
<p class="meta">统计期间：${escapeHtml(p.from)} 至 ${escapeHtml(p.to)}（按合同首次登记的月份，北京时间） · 金额单位：元 · 生成时间：${escapeHtml(data.generatedAt)}</p>
${parts.join('\n')}
<p class="meta">参照《吉林省 2021—2023 年专利转化行动计划实施方案》（吉知产联字〔2021〕1号）“运营数据定期通报机制”生成。</p>
</body></html>
`;
}
