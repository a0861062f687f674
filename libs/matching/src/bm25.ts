/**
 * Okapi BM25 over jieba terms (pure). The corpus statistics (documents, average length, document
 * frequencies) come from the published catalog; term frequencies and lengths are weighted by where
 * a word occurs (title 3, keywords/field/organisation 2, body 1 — the catalog's POSITION_WEIGHTS).
 */
export const BM25 = { k1: 1.2, b: 0.75 } as const;

export interface Bm25Stats {
  documents: number;
  averageLength: number;
  df: Record<string, number>;
}

export interface Bm25Doc {
  length: number;
  tf: Record<string, number>;
}

export interface TermScore {
  term: string;
  idf: number;
  tf: number;
  /** This term's share of the document's BM25 score. */
  score: number;
}

/** Robertson–Spärck Jones IDF with the +1 that keeps it positive for terms in over half the documents. */
export function idf(documents: number, df: number): number {
  return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
}

/**
 * How much each query term counts (default 1): a profile's terms carry weights (declared keywords
 * more than a viewed entry's words); a demand's words all count once.
 */
export type QueryWeights = Record<string, number>;

/** BM25 of one document for the query `terms` (each term once, times its query weight), with each term's part. */
export function bm25(
  terms: string[],
  doc: Bm25Doc,
  stats: Bm25Stats,
  p: { k1: number; b: number } = BM25,
  qw?: QueryWeights,
): { score: number; terms: TermScore[] } {
  const out: TermScore[] = [];
  const avg = stats.averageLength > 0 ? stats.averageLength : 1;
  for (const term of new Set(terms)) {
    const tf = doc.tf[term] ?? 0;
    if (tf <= 0) continue;
    const i = idf(stats.documents, stats.df[term] ?? 0);
    const score = ((qw?.[term] ?? 1) * (i * (tf * (p.k1 + 1)))) / (tf + p.k1 * (1 - p.b + (p.b * doc.length) / avg));
    out.push({ term, idf: i, tf, score });
  }
  out.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1));
  return { score: out.reduce((s, t) => s + t.score, 0), terms: out };
}

/**
 * The largest BM25 any document could reach for the query (every term, saturated: IDF × (k1 + 1)).
 * Dividing by it puts the text factor in [0, 1] independently of the other candidates.
 */
export function bm25Ceiling(terms: string[], stats: Bm25Stats, p: { k1: number } = BM25, qw?: QueryWeights): number {
  let sum = 0;
  for (const term of new Set(terms)) sum += (qw?.[term] ?? 1) * idf(stats.documents, stats.df[term] ?? 0) * (p.k1 + 1);
  return sum;
}
