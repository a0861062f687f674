import { describe, expect, it } from '@jest/globals';
import { FIELD_IPC } from '@techmarket/catalog/fields';
import { candidateTerms, demandIpc } from './query.js';

describe('candidate terms (CANDIDATE_DOCUMENT_BUDGET)', () => {
  const df = { 黑土: 40, 免耕: 300, 播种机: 900, 秸秆: 6_000, 技术: 400_000 };
  const rarestFirst = ['黑土', '免耕', '播种机', '秸秆', '技术'];

  it('takes terms in order while their document counts fit the budget, skipping one that does not', () => {
    expect(candidateTerms(rarestFirst, df, 2_000)).toEqual(['黑土', '免耕', '播种机']);
    expect(candidateTerms(['黑土', '秸秆', '免耕'], df, 2_000)).toEqual(['黑土', '免耕']);
    expect(candidateTerms(rarestFirst, df, 1_000_000)).toEqual(rarestFirst);
  });

  it('always keeps the first term, however common', () => {
    expect(candidateTerms(['技术', '秸秆'], df, 100)).toEqual(['技术']);
    expect(candidateTerms([], df, 100)).toEqual([]);
  });
});

describe('demandIpc', () => {
  it('maps each field to its concordance reading, keeps the classes the demand names, and skips unknown fields', () => {
    const ipc = demandIpc(['modern_agriculture', 'no_such_field'], ['A01B 49/02']);
    expect(ipc.declared).toEqual(['A01B 49/02']);
    expect(ipc.byField).toEqual([{ field: 'modern_agriculture', label: '现代农业', prefixes: FIELD_IPC.modern_agriculture.ipc }]);
  });

  it('has a reading with a cited source for every field, in the IPC prefix forms the matcher compares', () => {
    for (const [field, reading] of Object.entries(FIELD_IPC)) {
      expect([field, reading.ipc.length > 0, reading.source.length > 0]).toEqual([field, true, true]);
      for (const p of reading.ipc) expect([field, p]).toEqual([field, expect.stringMatching(/^[A-H]\d{2}([A-Z](\d{1,4})?)?$/)]);
    }
  });
});
