import { describe, expect, it } from '@jest/globals';
import { indexWords, queryGroups } from './segmenter.js';

/** A query must find what the index stored: the same words, cut the same way. */
describe('query words meet index words', () => {
  it('keeps a word jieba’s HMM finds (菌菇, not in the dictionary) as the index stored it', () => {
    expect(indexWords('菌菇栽培技术')).toContain('菌菇');
    const groups = queryGroups('菌菇');
    expect(groups).toEqual([['菌菇', '菌 菇']]);
    // Every group has an alternative the document's words satisfy.
    const doc = new Set(indexWords('菌菇栽培技术'));
    for (const g of groups) expect(g.some((alt) => alt.split(' ').every((w) => doc.has(w)))).toBe(true);
  });

  it('lets a long word match through its sub-words', () => {
    expect(queryGroups('栽培技术')).toEqual([['栽培技术', '栽培 技术']]);
  });

  it('matches every indexed title by its own words', () => {
    for (const title of ['玉米秸秆降解地膜', '食用菌菇深加工', '人参皂苷提取工艺', '碳纤维复合材料低温固化']) {
      const doc = new Set(indexWords(title));
      for (const g of queryGroups(title)) expect([title, g.some((alt) => alt.split(' ').every((w) => doc.has(w)))]).toEqual([title, true]);
    }
  });
});
