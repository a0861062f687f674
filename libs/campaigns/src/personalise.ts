import type { CorpusEntry } from '@techmarket/catalog';
import { type DemandIpc, rank, type Weights } from '@techmarket/matching/score';

/** How many entries of the set each recipient gets, by default and at most. */
export const DEFAULT_ITEMS_PER_RECIPIENT = 5;
export const MAX_ITEMS_PER_RECIPIENT = 20;
/** A campaign's set is cut to this many entries (the newest first). */
export const MAX_SET_SIZE = 2_000;

/** What a recipient is matched on: its fields (from its published demands) and where it is. */
export interface RecipientProfile {
  organizationId: string;
  fields: string[];
  /** The IPC its fields map to (matching's `demandIpc`); absent, IPC fit does not apply. */
  ipc?: DemandIpc;
  divisionCode: string;
}

/** One entry pushed to one recipient, with why it was picked (the matching engine's factors). */
export interface PushedItem {
  kind: string;
  id: string;
  title: string;
  organizationId: string | null;
  organizationName: string | null;
  /** A patent's application number, so a contract naming it is attributed. */
  reference: string | null;
  score: number;
  reasons: string[];
}

const NO_TEXT = { documents: 0, averageLength: 0, df: {} };

/**
 * 个性化: the recipient's top `n` entries of the set, ranked by the matching engine's own scoring
 * (`rank` of @techmarket/matching with the province's weights) on field fit, maturity, licence
 * terms, price, IPC fit and locality (同县 > 同市 > 省内). Text similarity takes no part: an enterprise has no
 * text of its own to compare (docs/decisions/0019-campaigns.md). Recipients with the same fields and
 * division get the same ranking, so it is computed once per such group (`cache`). Pure.
 */
export function personalise(
  r: RecipientProfile,
  set: CorpusEntry[],
  weights: Weights,
  n: number,
  cache = new Map<string, PushedItem[]>(),
): PushedItem[] {
  const key = `${[...r.fields].sort().join(',')}|${r.divisionCode}`;
  let ranked = cache.get(key);
  if (!ranked) {
    const demandSide = { fields: r.fields, ipc: r.ipc, budgetMinFen: null, budgetMaxFen: null, divisionCode: r.divisionCode };
    const candidates = set.map((e) => ({ ...e, kind: e.kind as 'achievement' | 'patent' }));
    // No text here (a segment, not a demand): the relevance gate, which scales the other factors by
    // text similarity, does not apply — gate 0.
    ranked = rank(demandSide, candidates, [], NO_TEXT, weights, undefined, 0)
      .slice(0, n + 1)
      .map(({ item, explanation }) => ({
        kind: item.kind,
        id: item.id,
        title: item.title,
        organizationId: item.organizationId,
        organizationName: item.organizationName,
        reference: item.reference,
        score: Math.round(explanation.score * 1e6) / 1e6,
        reasons: explanation.factors.filter((f) => f.points > 0).map((f) => `${f.label}：${f.note}`),
      }));
    cache.set(key, ranked);
  }
  // An entry of the recipient's own organisation is not pushed to it (one spare was kept for this).
  return ranked.filter((i) => i.organizationId !== r.organizationId).slice(0, n);
}
