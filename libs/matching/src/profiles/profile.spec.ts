import { describe, expect, it } from '@jest/globals';
import { type Evidence, profileFields, profileQuery, profileTerms } from './profile.js';

/** A stand-in for jieba: words separated by spaces. */
const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe('profile terms (画像)', () => {
  const evidence: Evidence[] = [
    { source: 'declared', text: '秸秆 生物炭', weight: 3 },
    { source: 'demand', ref: { kind: 'demand', id: 'd1', title: '秸秆 气化' }, text: '秸秆 气化 秸秆', weight: 2 },
    { source: 'viewed', ref: { kind: 'achievement', id: 'a1', title: '气化 发电' }, text: '气化 发电', weight: 1 },
    { source: 'viewed', ref: { kind: 'achievement', id: 'a2', title: '气化 炉' }, text: '气化 炉', weight: 1 },
    { source: 'interest', ref: { kind: 'demand', id: 'd9', title: '生物炭' }, text: '生物炭', weight: 2 },
  ];

  it('sums each source’s weight per term (a word once per piece of evidence) and lists the entries behind it', () => {
    const terms = profileTerms(evidence, words);
    expect(terms.map((t) => [t.term, t.weight])).toEqual([
      ['生物炭', 5],
      ['秸秆', 5],
      ['气化', 4],
      ['发电', 1],
      ['炉', 1],
    ]);
    const gas = terms.find((t) => t.term === '气化')!;
    expect(gas.sources.map((s) => [s.source, s.weight, s.entries.map((e) => e.id)])).toEqual([
      ['demand', 2, ['d1']],
      ['viewed', 2, ['a1', 'a2']],
    ]);
    expect(terms.find((t) => t.term === '生物炭')!.sources.map((s) => s.label)).toEqual(['自述', '表达过意向的匹配通知']);
    // Each term's weight is the sum of its sources'.
    for (const t of terms) expect(t.sources.reduce((s, x) => s + x.weight, 0)).toBeCloseTo(t.weight, 9);
  });

  it('keeps the heaviest terms only, and ignores evidence of no weight', () => {
    expect(profileTerms(evidence, words, 2).map((t) => t.term)).toEqual(['生物炭', '秸秆']);
    expect(profileTerms([{ source: 'declared', text: '无', weight: 0 }], words)).toEqual([]);
  });

  it('names the fields with their sources in the order first named, and makes the query', () => {
    expect(
      profileFields([
        { field: 'modern_agriculture', source: 'declared' },
        { field: 'agri_processing', source: 'demand' },
        { field: 'modern_agriculture', source: 'viewed' },
      ]),
    ).toEqual([
      { field: 'modern_agriculture', sources: ['declared', 'viewed'] },
      { field: 'agri_processing', sources: ['demand'] },
    ]);
    const q = profileQuery(profileTerms(evidence, words));
    expect(q.terms).toEqual(['生物炭', '秸秆', '气化', '发电', '炉']);
    expect(q.termWeights).toEqual({ 生物炭: 5, 秸秆: 5, 气化: 4, 发电: 1, 炉: 1 });
  });
});
