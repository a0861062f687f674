import { describe, expect, it } from '@jest/globals';
import { averagePrecision, meanScores, ndcgAt, precisionAt, rankingScores } from './ranking-metrics.js';

describe('ranking metrics (precision benchmark)', () => {
  const relevant = new Set(['a', 'b', 'c']);

  it('precision@k counts relevant ids among the first k, an empty slot as a miss', () => {
    expect(precisionAt(1, ['a', 'x'], relevant)).toBe(1);
    expect(precisionAt(3, ['x', 'a', 'y'], relevant)).toBeCloseTo(1 / 3, 12);
    expect(precisionAt(5, ['a', 'b'], relevant)).toBeCloseTo(2 / 5, 12);
  });

  it('average precision divides by every relevant id, found or not', () => {
    // Hits at ranks 1 and 3: (1/1 + 2/3) / 3 relevant.
    expect(averagePrecision(['a', 'x', 'b'], relevant)).toBeCloseTo((1 + 2 / 3) / 3, 12);
    expect(averagePrecision(['x', 'y', 'z', 'a'], relevant, 3)).toBe(0);
    expect(averagePrecision(['a', 'b', 'c'], relevant)).toBe(1);
  });

  it('nDCG is 1 for the ideal order and lower when a relevant id drops', () => {
    expect(ndcgAt(10, ['a', 'b', 'c', 'x'], relevant)).toBeCloseTo(1, 12);
    const worse = ndcgAt(10, ['x', 'a', 'b', 'c'], relevant);
    expect(worse).toBeLessThan(1);
    expect(worse).toBeGreaterThan(0);
    expect(ndcgAt(10, ['x'], relevant)).toBe(0);
  });

  it('averages scores over queries', () => {
    const m = meanScores([rankingScores(['a', 'b', 'c'], relevant), rankingScores(['x', 'y', 'z'], relevant)]);
    expect(m).toEqual({ p1: 0.5, p3: 0.5, p5: expect.closeTo(0.3, 12), map10: 0.5, ndcg10: 0.5 });
  });
});
