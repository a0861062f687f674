/**
 * Ranking quality against human judgements (the matching precision benchmark, issue #12). Binary
 * relevance; an entry nobody judged counts as not relevant (the usual pooled-judgement convention).
 */

/** Share of the first `k` ranked ids that are relevant (an empty slot counts as not relevant). */
export function precisionAt(k: number, ranked: readonly string[], relevant: ReadonlySet<string>): number {
  let hits = 0;
  for (const id of ranked.slice(0, k)) if (relevant.has(id)) hits++;
  return hits / k;
}

/** Average precision over the first `cutoff` ranks, divided by every relevant id (found or not). */
export function averagePrecision(ranked: readonly string[], relevant: ReadonlySet<string>, cutoff = ranked.length): number {
  if (!relevant.size) return 0;
  let hits = 0;
  let sum = 0;
  ranked.slice(0, cutoff).forEach((id, i) => {
    if (!relevant.has(id)) return;
    hits++;
    sum += hits / (i + 1);
  });
  return sum / relevant.size;
}

/** nDCG@k with binary gains (log2 discount); 1 when the relevant ids fill the first ranks. */
export function ndcgAt(k: number, ranked: readonly string[], relevant: ReadonlySet<string>): number {
  const dcg = ranked.slice(0, k).reduce((s, id, i) => s + (relevant.has(id) ? 1 / Math.log2(i + 2) : 0), 0);
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return ideal ? dcg / ideal : 0;
}

export interface RankingScores {
  p1: number;
  p3: number;
  p5: number;
  map10: number;
  ndcg10: number;
}

/** The scores of one ranking. */
export function rankingScores(ranked: readonly string[], relevant: ReadonlySet<string>): RankingScores {
  return {
    p1: precisionAt(1, ranked, relevant),
    p3: precisionAt(3, ranked, relevant),
    p5: precisionAt(5, ranked, relevant),
    map10: averagePrecision(ranked, relevant, 10),
    ndcg10: ndcgAt(10, ranked, relevant),
  };
}

/** The mean of each score over several rankings (one per query). */
export function meanScores(all: readonly RankingScores[]): RankingScores {
  const mean = (f: keyof RankingScores) => (all.length ? all.reduce((s, x) => s + x[f], 0) / all.length : 0);
  return { p1: mean('p1'), p3: mean('p3'), p5: mean('p5'), map10: mean('map10'), ndcg10: mean('ndcg10') };
}
