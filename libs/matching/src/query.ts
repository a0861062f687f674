/** The query side of a matching run, framework-free: which terms choose the candidates, what IPC is asked for. */
import { FIELD_IPC, INDUSTRY_FIELDS } from '@techmarket/catalog/fields';
import type { DemandIpc } from './score.js';

/**
 * How many documents the candidate query may touch (docs/decisions/0016-matching.md, "national
 * scale"): its terms are taken rarest first while their document counts add up to at most this
 * (the rarest always), so ranking 300 candidates by `ts_rank` does not rank most of a national
 * table for a word like 技术. Every candidate is still scored on all the query's terms.
 */
export const CANDIDATE_DOCUMENT_BUDGET = 20_000;

/** The terms (in the given order of preference) that choose the candidates: see CANDIDATE_DOCUMENT_BUDGET. */
export function candidateTerms(terms: string[], df: Record<string, number>, budget = CANDIDATE_DOCUMENT_BUDGET): string[] {
  const out: string[] = [];
  let documents = 0;
  for (const t of terms) {
    const n = df[t] ?? 0;
    if (out.length && documents + n > budget) continue;
    out.push(t);
    documents += n;
  }
  return out;
}

/**
 * What IPC a query is after: the classes it names and, for each of its 行业领域, the prefixes of the
 * field's concordance reading (`FIELD_IPC` of the catalog).
 */
export function demandIpc(fields: string[], declared: string[] = []): DemandIpc {
  return {
    declared,
    byField: fields.flatMap((f) => {
      const reading = FIELD_IPC[f as keyof typeof FIELD_IPC];
      return reading ? [{ field: f, label: INDUSTRY_FIELDS[f as keyof typeof INDUSTRY_FIELDS] ?? f, prefixes: reading.ipc }] : [];
    }),
  };
}
