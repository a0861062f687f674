import { describe, expect, it } from '@jest/globals';
import { bm25, bm25Ceiling, idf } from './bm25.js';
import { DEFAULT_WEIGHTS, type DemandSide, explain, ipcFit, IPC_VALUES, locality, rank, RELEVANCE_GATE, type SupplySide } from './score.js';

/** A tiny corpus of four documents, each a bag of (already segmented) words with length = word count. */
const DOCS: Record<string, string[]> = {
  d1: ['碳纤维', '复合材料', '制备'],
  d2: ['碳纤维', '碳纤维', '碳纤维', '风电', '叶片', '制造', '工艺', '检测'],
  d3: ['玉米', '秸秆', '还田'],
  d4: ['复合材料', '检测'],
};
const tfOf = (words: string[]) => words.reduce<Record<string, number>>((m, w) => ({ ...m, [w]: (m[w] ?? 0) + 1 }), {});
const STATS = {
  documents: 4,
  averageLength: Object.values(DOCS).reduce((s, d) => s + d.length, 0) / 4,
  df: { 碳纤维: 2, 复合材料: 2, 制备: 1, 玉米: 1, 检测: 2 },
};
const doc = (id: string) => ({ length: DOCS[id].length, tf: tfOf(DOCS[id]) });

describe('BM25 on a tiny corpus', () => {
  it('computes the textbook value for one term (k1 1.2, b 0.75)', () => {
    // idf(碳纤维) = ln(1 + (4 − 2 + 0.5)/(2 + 0.5)) = ln 2; d1: tf 1, |d| 3, avgdl 4.
    const expected = (Math.log(2) * (1 * 2.2)) / (1 + 1.2 * (1 - 0.75 + (0.75 * 3) / 4));
    expect(bm25(['碳纤维'], doc('d1'), STATS).score).toBeCloseTo(expected, 12);
    expect(idf(4, 1)).toBeCloseTo(Math.log(1 + 3.5 / 1.5), 12);
  });

  it('ranks rarer terms and more occurrences higher, saturating, and ignores absent terms', () => {
    const q = ['碳纤维', '制备'];
    const scores = Object.fromEntries(Object.keys(DOCS).map((id) => [id, bm25(q, doc(id), STATS).score]));
    // d1 has both words (制备 is rare); d2 has 碳纤维 three times in a long document; d3, d4 none.
    expect(scores.d1).toBeGreaterThan(scores.d2);
    expect(scores.d2).toBeGreaterThan(0);
    expect(scores.d3).toBe(0);
    expect(scores.d4).toBe(0);
    // Three occurrences score less than three times one (saturation).
    const once = bm25(['碳纤维'], { length: 8, tf: { 碳纤维: 1 } }, STATS).score;
    expect(bm25(['碳纤维'], doc('d2'), STATS).score).toBeLessThan(3 * once);
    // Each term's part is listed and the parts add up.
    const d1 = bm25(q, doc('d1'), STATS);
    expect(d1.terms.map((t) => t.term)).toEqual(['制备', '碳纤维']);
    expect(d1.terms.reduce((s, t) => s + t.score, 0)).toBeCloseTo(d1.score, 12);
    expect(d1.score).toBeLessThanOrEqual(bm25Ceiling(q, STATS));
  });

  it('weights query terms (a profile’s): a term of weight 3 counts three times, the ceiling with it, so the value stays in [0, 1]', () => {
    const q = ['碳纤维', '制备'];
    const plain = bm25(q, doc('d1'), STATS);
    const weighted = bm25(q, doc('d1'), STATS, undefined, { 碳纤维: 3 });
    const part = (r: typeof plain, t: string) => r.terms.find((x) => x.term === t)!.score;
    expect(part(weighted, '碳纤维')).toBeCloseTo(3 * part(plain, '碳纤维'), 12);
    expect(part(weighted, '制备')).toBeCloseTo(part(plain, '制备'), 12);
    expect(weighted.terms.map((t) => t.term)).toEqual(['碳纤维', '制备']);
    expect(bm25Ceiling(q, STATS, undefined, { 碳纤维: 3 })).toBeCloseTo(
      bm25Ceiling(['碳纤维'], STATS) * 3 + bm25Ceiling(['制备'], STATS),
      12,
    );
    // Scaling every weight changes nothing relative to the ceiling.
    const ratio = (qw?: Record<string, number>) => bm25(q, doc('d2'), STATS, undefined, qw).score / bm25Ceiling(q, STATS, undefined, qw);
    expect(ratio({ 碳纤维: 2, 制备: 2 })).toBeCloseTo(ratio(), 12);
  });
});

const demand: DemandSide = { fields: ['new_materials'], budgetMinFen: null, budgetMaxFen: 50_000_000, divisionCode: '220122' };
const supply = (over: Partial<SupplySide> & { id: string; length?: number; tf?: Record<string, number> }) => ({
  kind: 'achievement' as const,
  fields: ['new_materials'],
  trl: 6,
  legalStatus: null,
  priceFen: 30_000_000,
  priceNegotiable: false,
  openLicence: false,
  freeLicence: false,
  useFirstPayLater: false,
  divisionCode: '220122',
  ipcClasses: [] as string[],
  length: 3,
  tf: { 碳纤维: 1, 复合材料: 1 },
  ...over,
});

describe('explanations', () => {
  it('add up to the score: factor points sum to it, term points to the text factor, points = weight × value × relevance', () => {
    const weights = { text: 0.5, field: 0.2, ipc: 0.11, maturity: 0.13, price: 0.07, licence: 0.05, locality: 0.3 };
    const ipcDemand: DemandSide = { ...demand, ipc: { declared: ['C08J 5/04'], byField: [] } };
    const candidates = [
      supply({ id: 'a', openLicence: true, priceFen: 90_000_000, ipcClasses: ['C08J 5/06'] }),
      supply({ id: 'b', kind: 'patent', legalStatus: 'pending', priceFen: null, priceNegotiable: true, divisionCode: '220202' }),
      supply({ id: 'c', kind: 'expert', fields: ['biomedicine'], divisionCode: '330106', tf: { 碳纤维: 2 } }),
    ];
    for (const c of candidates) {
      const e = explain(ipcDemand, c, { terms: ['碳纤维', '复合材料', '制备'], doc: c, stats: STATS }, weights);
      expect(e.score).toBeGreaterThan(0);
      expect(e.factors.reduce((s, f) => s + f.points, 0)).toBeCloseTo(e.score, 9);
      const text = e.factors.find((f) => f.factor === 'text')!;
      expect(text.terms!.length).toBeGreaterThan(0);
      expect(text.terms!.reduce((s, t) => s + t.points, 0)).toBeCloseTo(text.points, 9);
      for (const f of e.factors) {
        expect(f.weight).toBe(weights[f.factor]);
        if (f.factor !== 'text') expect(f.points).toBeCloseTo(f.value === null ? 0 : f.weight * f.value * e.relevance, 5);
      }
    }
    // The IPC factor counted for the achievement with a class in the named group.
    const a = explain(ipcDemand, candidates[0], { terms: ['碳纤维', '复合材料', '制备'], doc: candidates[0], stats: STATS }, weights);
    expect(a.factors.find((f) => f.factor === 'ipc')!.points).toBeCloseTo(0.11 * a.relevance, 6);
    // An expert: IPC, price, maturity and licence do not apply and give nothing.
    const expert = explain(ipcDemand, candidates[2], { terms: ['碳纤维'], doc: candidates[2], stats: STATS }, weights);
    expect(expert.factors.filter((f) => f.value === null).map((f) => f.factor)).toEqual(['ipc', 'maturity', 'price', 'licence']);
  });

  it('a weighted query (a profile) still adds up', () => {
    const c = supply({ id: 'a' });
    const e = explain(
      demand,
      c,
      { terms: ['碳纤维', '复合材料'], doc: c, stats: STATS, queryWeights: { 碳纤维: 3, 复合材料: 1 } },
      DEFAULT_WEIGHTS,
    );
    const text = e.factors.find((f) => f.factor === 'text')!;
    expect(text.terms!.reduce((s, t) => s + t.points, 0)).toBeCloseTo(text.points, 9);
    expect(e.factors.reduce((s, f) => s + f.points, 0)).toBeCloseTo(e.score, 9);
    expect(text.value).toBeGreaterThan(0);
    expect(text.value).toBeLessThanOrEqual(1);
  });

  it('a weight of zero removes its factor from the score', () => {
    const c = supply({ id: 'a' });
    const args = { terms: ['碳纤维'], doc: c, stats: STATS };
    const base = explain(demand, c, args, DEFAULT_WEIGHTS).score;
    const noLocality = explain(demand, c, args, { ...DEFAULT_WEIGHTS, locality: 0 }).score;
    expect(base - noLocality).toBeCloseTo(DEFAULT_WEIGHTS.locality * 1, 9);
  });
});

describe('relevance gate (相关度门槛)', () => {
  const terms = ['碳纤维', '复合材料', '制备'];
  const args = (c: ReturnType<typeof supply>) => ({ terms, doc: c, stats: STATS });

  it('gives an entry sharing no words nothing, however free, mature and local it is', () => {
    const attractive = supply({ id: 'x', tf: {}, trl: 9, freeLicence: true, openLicence: true });
    const e = explain(demand, attractive, args(attractive), DEFAULT_WEIGHTS);
    expect(e.relevance).toBe(0);
    expect(e.score).toBe(0);
    // Without the gate (the engine before) the same entry scored on everything but text.
    const w = DEFAULT_WEIGHTS;
    expect(explain(demand, attractive, args(attractive), w, 0).score).toBeCloseTo(
      w.field + w.maturity + w.price + w.licence + w.locality,
      9,
    );
  });

  it('scales the other factors by text value ÷ gate below the gate, in full above it', () => {
    const weak = supply({ id: 'w', length: 40, tf: { 复合材料: 1 } });
    const e = explain(demand, weak, args(weak), DEFAULT_WEIGHTS);
    const text = e.factors.find((f) => f.factor === 'text')!;
    expect(text.value!).toBeLessThan(RELEVANCE_GATE);
    expect(e.relevance).toBeCloseTo(text.value! / RELEVANCE_GATE, 5);
    const field = e.factors.find((f) => f.factor === 'field')!;
    expect(field.points).toBeCloseTo(DEFAULT_WEIGHTS.field * e.relevance, 6);
    expect(field.note).toMatch(/文本相关度不足，按 \d+% 计/);
    const strong = supply({ id: 's', tf: { 碳纤维: 1, 复合材料: 1, 制备: 1 } });
    expect(explain(demand, strong, args(strong), DEFAULT_WEIGHTS).relevance).toBe(1);
  });
});

describe('locality (就地转化)', () => {
  it('classifies GB/T 2260 codes', () => {
    expect(locality('220122', '220122')).toBe('county');
    expect(locality('220122', '220104')).toBe('city');
    expect(locality('220100', '220100')).toBe('city');
    expect(locality('220122', '220211')).toBe('province');
    expect(locality('220122', '330106')).toBe('elsewhere');
  });

  it('orders otherwise equal matches: same county > same city > same province > elsewhere', () => {
    const same = { tf: { 碳纤维: 1 } };
    const candidates = [
      supply({ id: '1-elsewhere', divisionCode: '330106', ...same }),
      supply({ id: '2-province', divisionCode: '220211', ...same }),
      supply({ id: '3-county', divisionCode: '220122', ...same }),
      supply({ id: '4-city', divisionCode: '220104', ...same }),
    ];
    const order = rank(demand, candidates, ['碳纤维'], STATS, DEFAULT_WEIGHTS).map((r) => r.item.id);
    expect(order).toEqual(['3-county', '4-city', '2-province', '1-elsewhere']);
    // Without the locality weight they tie, and the order falls back to the id.
    const tied = rank(demand, candidates, ['碳纤维'], STATS, { ...DEFAULT_WEIGHTS, locality: 0 });
    expect(new Set(tied.map((r) => r.explanation.score)).size).toBe(1);
    expect(tied.map((r) => r.item.id)).toEqual(['1-elsewhere', '2-province', '3-county', '4-city']);
  });
});

describe('IPC fit (IPC 分类契合)', () => {
  const agri = { field: 'modern_agriculture', label: '现代农业', prefixes: ['A01B', 'A01C', 'A23K', 'H01L31'] };
  const d = (declared: string[], byField = [agri]): DemandSide => ({ ...demand, ipc: { declared, byField } });
  const s = (ipcClasses: string[], kind: SupplySide['kind'] = 'patent') => supply({ id: 'p', kind, ipcClasses });

  it('ranks the same main group the demand names above the same subclass, its field’s classes, the same class, and nothing shared', () => {
    expect(ipcFit(d(['A01B 49/02']), s(['A01B 49/04']))).toEqual({
      value: IPC_VALUES.group,
      note: 'IPC A01B 49/04 与需求所列 A01B 49/02 同属大组',
    });
    expect(ipcFit(d(['A01B 49/02']), s(['A01B 79/02'])).value).toBe(IPC_VALUES.subclass);
    expect(ipcFit(d(['A01B']), s(['A01B 79/02'])).value).toBe(IPC_VALUES.subclass);
    expect(ipcFit(d([]), s(['A23K 10/30']))).toEqual({
      value: IPC_VALUES.field,
      note: 'IPC A23K 10/30 属于“现代农业”对应的分类 A23K（参照关系表）',
    });
    expect(ipcFit(d(['A01G 9/14'], []), s(['A01N 25/00'])).value).toBe(IPC_VALUES.class);
    expect(ipcFit(d(['A01G 9/14']), s(['G06F 17/00']))).toEqual({ value: 0, note: 'IPC 分类与需求不同' });
    // The best of the supply's classes counts, and the spaces people write do not matter.
    expect(ipcFit(d(['A01B49/02']), s(['G06F 17/00', 'A01B 49/04'])).value).toBe(IPC_VALUES.group);
  });

  it('reads a main-group prefix as a whole group: H01L31 holds H01L 31/18, not H01L 310/00', () => {
    expect(ipcFit(d([]), s(['H01L 31/18'])).value).toBe(IPC_VALUES.field);
    expect(ipcFit(d([]), s(['H01L 310/00'])).value).toBe(0);
  });

  it('does not apply to experts, to supply without IPC classes, or to a demand with neither IPC nor a mapped field', () => {
    expect(ipcFit(d(['A01B']), s([], 'expert')).value).toBeNull();
    expect(ipcFit(d(['A01B']), s([], 'achievement'))).toEqual({ value: null, note: '成果未关联专利，无 IPC 分类' });
    expect(ipcFit({ ...demand, ipc: { declared: [], byField: [] } }, s(['A01B 1/00'])).value).toBeNull();
    expect(ipcFit(demand, s(['A01B 1/00'])).value).toBeNull();
  });

  it('orders otherwise equal patents by IPC fit, and its points add up', () => {
    const same = { tf: { 碳纤维: 1 } };
    const candidates = [
      supply({ id: '1-none', kind: 'patent', legalStatus: 'granted', ipcClasses: ['G06F 17/00'], ...same }),
      supply({ id: '2-field', kind: 'patent', legalStatus: 'granted', ipcClasses: ['A23K 10/30'], ...same }),
      supply({ id: '3-group', kind: 'patent', legalStatus: 'granted', ipcClasses: ['A01B 49/04'], ...same }),
    ];
    const ranked = rank(d(['A01B 49/02']), candidates, ['碳纤维'], STATS, DEFAULT_WEIGHTS);
    expect(ranked.map((r) => r.item.id)).toEqual(['3-group', '2-field', '1-none']);
    for (const r of ranked) expect(r.explanation.factors.reduce((sum, f) => sum + f.points, 0)).toBeCloseTo(r.explanation.score, 9);
  });
});
