import { bm25, bm25Ceiling, type Bm25Stats, type QueryWeights } from './bm25.js';

/**
 * Scoring one (demand, supply) pair with its explanation (pure). Each factor has a value in [0, 1]
 * and a tunable weight; its points are weight × value; the score is the sum of the points, and the
 * text factor's points are the sum of its terms' points. Nothing is added that is not shown.
 */
export const FACTORS = ['text', 'field', 'ipc', 'maturity', 'price', 'licence', 'locality'] as const;
export type Factor = (typeof FACTORS)[number];
export type Weights = Record<Factor, number>;

export const FACTOR_LABELS: Record<Factor, string> = {
  text: '文本相似度（BM25）',
  field: '领域契合',
  ipc: 'IPC 分类契合',
  maturity: '成熟度',
  price: '价格与预算',
  licence: '开放许可条件',
  locality: '就地转化（属地）',
};

/** The provincial defaults until a province admin tunes them (docs/decisions/0016-matching.md). */
export const DEFAULT_WEIGHTS: Weights = { text: 0.4, field: 0.05, ipc: 0.1, maturity: 0.1, price: 0.1, licence: 0.1, locality: 0.15 };

/**
 * 相关度门槛: the text value at which the other factors count in full. Below it they count in
 * proportion (relevance = text value ÷ gate), so a free, mature, local entry that shares no words
 * with the demand is not a match: the other factors say how good a match is, not whether it is one.
 * Measured on the labelled fixture (docs/benchmarks.md, "Matching precision"); 0 turns it off.
 */
export const RELEVANCE_GATE = 0.2;

/** same county 1 > same city 0.6 > same province 0.3 > elsewhere 0 (就地转化). */
export const LOCALITY_VALUES = { county: 1, city: 0.6, province: 0.3, elsewhere: 0 } as const;
export type Locality = keyof typeof LOCALITY_VALUES;
const LOCALITY_LABELS: Record<Locality, string> = { county: '同一县（区）', city: '同一市（州）', province: '省内', elsewhere: '省外' };

/** Where two GB/T 2260 codes are relative to each other; a city-level code (xxxx00) is never "the same county". */
export function locality(a: string, b: string): Locality {
  if (a === b && !a.endsWith('00')) return 'county';
  if (a.slice(0, 4) === b.slice(0, 4)) return 'city';
  if (a.slice(0, 2) === b.slice(0, 2)) return 'province';
  return 'elsewhere';
}

/**
 * IPC 分类契合 (docs/decisions/0023-ipc-fit.md): the best of a supply's IPC classes against the
 * demand's — the same main group as a class the demand names 1, the same subclass 0.8, the same
 * class 0.4 — or against the IPC prefixes its 行业领域 maps to (the concordance reading) 0.6.
 */
export const IPC_VALUES = { group: 1, subclass: 0.8, field: 0.6, class: 0.4 } as const;

/** What IPC a demand is after: the classes it names, and for each of its fields the prefixes of the field's reading. */
export interface DemandIpc {
  declared: string[];
  byField: { field: string; label: string; prefixes: string[] }[];
}

export interface DemandSide {
  fields: string[];
  /** Absent: the demand says nothing of IPC (the factor does not apply). */
  ipc?: DemandIpc;
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
  divisionCode: string;
}

export interface SupplySide {
  kind: 'achievement' | 'patent' | 'expert';
  fields: string[];
  trl: number | null;
  legalStatus: string | null;
  priceFen: number | null;
  priceNegotiable: boolean;
  openLicence: boolean;
  freeLicence: boolean;
  useFirstPayLater: boolean;
  divisionCode: string;
  /** A patent's IPC classes, an achievement's linked patents' classes. */
  ipcClasses: string[];
}

export interface TermPart {
  term: string;
  tf: number;
  idf: number;
  points: number;
}

export interface FactorPart {
  factor: Factor;
  label: string;
  weight: number;
  /** In [0, 1]; null when the factor does not apply to this kind (e.g. price for an expert). */
  value: number | null;
  points: number;
  note: string;
  terms?: TermPart[];
}

export interface Explanation {
  score: number;
  /** In [0, 1]: min(1, text value ÷ RELEVANCE_GATE); every factor but text has points = weight × value × relevance. */
  relevance: number;
  factors: FactorPart[];
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
const yuan = (fen: number) => `${(fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;

/** `A01B 1/00` → `A01B1/00`: the forms people write compare equal. */
const compact = (c: string) => c.replace(/\s+/g, '').toUpperCase();
/** `A01B1/00` → `A01B 1/00`, as IPC symbols are printed. */
const printed = (c: string) => compact(c).replace(/^([A-H]\d{2}[A-Z])(?=\d)/, '$1 ');

/** Whether class `c` lies under `p`: a class `A01`, a subclass `A23L`, a main group `H01L31` (not `H01L310`). */
const underPrefix = (c: string, p: string) => c.startsWith(p) && (p.length <= 4 || c.length === p.length || c[p.length] === '/');

/** The IPC fit of a supply for a demand, with the pair that decided it. */
export function ipcFit(d: DemandSide, s: SupplySide): { value: number | null; note: string } {
  if (s.kind === 'expert') return { value: null, note: '不适用于专家' };
  const declared = (d.ipc?.declared ?? []).map(compact);
  const byField = d.ipc?.byField.filter((f) => f.prefixes.length) ?? [];
  if (!declared.length && !byField.length) return { value: null, note: '需求未给出 IPC 分类或行业领域' };
  if (!s.ipcClasses.length) return { value: null, note: s.kind === 'achievement' ? '成果未关联专利，无 IPC 分类' : '专利未填写 IPC 分类' };
  let best = { value: 0, note: 'IPC 分类与需求不同' };
  const consider = (value: number, note: string) => {
    if (value > best.value) best = { value, note };
  };
  for (const raw of s.ipcClasses) {
    const c = compact(raw);
    for (const want of declared) {
      const group = want.includes('/') ? want.split('/')[0] : null;
      if (group && c.split('/')[0] === group) consider(IPC_VALUES.group, `IPC ${printed(c)} 与需求所列 ${printed(want)} 同属大组`);
      else if (c.slice(0, 4) === want.slice(0, 4))
        consider(IPC_VALUES.subclass, `IPC ${printed(c)} 与需求所列 ${printed(want)} 同属小类 ${c.slice(0, 4)}`);
      else if (c.slice(0, 3) === want.slice(0, 3))
        consider(IPC_VALUES.class, `IPC ${printed(c)} 与需求所列 ${printed(want)} 同属大类 ${c.slice(0, 3)}`);
    }
    for (const f of byField) {
      const prefix = f.prefixes.find((p) => underPrefix(c, compact(p)));
      if (prefix) consider(IPC_VALUES.field, `IPC ${printed(c)} 属于“${f.label}”对应的分类 ${printed(prefix)}（参照关系表）`);
    }
  }
  return best;
}

/** Every factor but text: its value and a zh-CN note. */
export function factorValues(d: DemandSide, s: SupplySide): Record<Exclude<Factor, 'text'>, { value: number | null; note: string }> {
  const shared = s.fields.filter((f) => d.fields.includes(f));
  const field = shared.length ? { value: 1, note: `同属领域 ${shared.join('、')}` } : { value: 0, note: '领域不同' };
  const ipc = ipcFit(d, s);

  let maturity: { value: number | null; note: string };
  if (s.kind === 'achievement')
    maturity = s.trl ? { value: s.trl / 9, note: `技术就绪度 TRL ${s.trl}/9` } : { value: 0, note: '未填写技术就绪度' };
  else if (s.kind === 'patent')
    maturity =
      s.legalStatus === 'granted'
        ? { value: 1, note: '专利已授权' }
        : s.legalStatus === 'pending'
          ? { value: 0.5, note: '专利审查中' }
          : { value: 0, note: '专利已失效' };
  else maturity = { value: null, note: '不适用于专家' };

  let price: { value: number | null; note: string };
  if (s.kind === 'expert') price = { value: null, note: '不适用于专家' };
  else if (s.freeLicence) price = { value: 1, note: '免费许可' };
  else if (s.priceFen === null) price = { value: 0.5, note: s.priceNegotiable ? '价格面议' : '未标价' };
  else if (d.budgetMaxFen === null) price = { value: 0.5, note: `报价 ${yuan(s.priceFen)}，需求未给出预算` };
  else if (s.priceFen <= d.budgetMaxFen) price = { value: 1, note: `报价 ${yuan(s.priceFen)} 在预算 ${yuan(d.budgetMaxFen)} 以内` };
  else {
    const over = (s.priceFen - d.budgetMaxFen) / Math.max(d.budgetMaxFen, 1);
    price = { value: Math.max(0, 1 - over), note: `报价 ${yuan(s.priceFen)} 超出预算 ${yuan(d.budgetMaxFen)} ${Math.round(over * 100)}%` };
  }

  let licence: { value: number | null; note: string };
  if (s.kind === 'expert') licence = { value: null, note: '不适用于专家' };
  else if (s.freeLicence) licence = { value: 1, note: '免费开放许可' };
  else if (s.openLicence) licence = s.useFirstPayLater ? { value: 1, note: '开放许可，先用后付' } : { value: 0.8, note: '开放许可' };
  else licence = { value: 0, note: '无开放许可' };

  const where = locality(d.divisionCode, s.divisionCode);
  return { field, ipc, maturity, price, licence, locality: { value: LOCALITY_VALUES[where], note: LOCALITY_LABELS[where] } };
}

/**
 * The score of `doc` for the demand, explained. `terms` are the demand's jieba terms; the text
 * value is BM25 divided by the query's ceiling (IDF × (k1 + 1) summed), so it lies in [0, 1].
 */
export function explain(
  d: DemandSide,
  s: SupplySide,
  text: { terms: string[]; doc: { length: number; tf: Record<string, number> }; stats: Bm25Stats; queryWeights?: QueryWeights },
  w: Weights,
  gate = RELEVANCE_GATE,
): Explanation {
  const ranked = bm25(text.terms, text.doc, text.stats, undefined, text.queryWeights);
  const ceiling = bm25Ceiling(text.terms, text.stats, undefined, text.queryWeights);
  const terms: TermPart[] = ranked.terms.map((t) => ({
    term: t.term,
    tf: t.tf,
    idf: round(t.idf),
    points: ceiling > 0 ? round((w.text * t.score) / ceiling) : 0,
  }));
  const textPoints = terms.reduce((sum, t) => sum + t.points, 0);
  const textValue = ceiling > 0 ? round(ranked.score / ceiling) : 0;
  const relevance = gate > 0 ? round(Math.min(1, textValue / gate)) : 1;
  const scaled = relevance < 1 ? `（文本相关度不足，按 ${Math.round(relevance * 100)}% 计）` : '';
  const parts: FactorPart[] = [
    {
      factor: 'text',
      label: FACTOR_LABELS.text,
      weight: w.text,
      value: textValue,
      points: textPoints,
      note: terms.length ? `共同词语：${terms.map((t) => t.term).join('、')}` : '没有共同词语',
      terms,
    },
  ];
  const others = factorValues(d, s);
  for (const f of FACTORS) {
    if (f === 'text') continue;
    const { value, note } = others[f];
    const points = value === null ? 0 : round(w[f] * value * relevance);
    parts.push({ factor: f, label: FACTOR_LABELS[f], weight: w[f], value, points, note: points > 0 ? note + scaled : note });
  }
  return { score: parts.reduce((sum, p) => sum + p.points, 0), relevance, factors: parts };
}

export interface Ranked<T> {
  item: T;
  explanation: Explanation;
}

/** Candidates best first: by score, then by id (stable, so equal scores never swap between runs). */
export function rank<T extends SupplySide & { id: string; length: number; tf: Record<string, number> }>(
  d: DemandSide,
  candidates: T[],
  terms: string[],
  stats: Bm25Stats,
  w: Weights,
  queryWeights?: QueryWeights,
  gate = RELEVANCE_GATE,
): Ranked<T>[] {
  return candidates
    .map((c) => ({ item: c, explanation: explain(d, c, { terms, doc: c, stats, queryWeights }, w, gate) }))
    .sort((a, b) => b.explanation.score - a.explanation.score || (a.item.id < b.item.id ? -1 : 1));
}
