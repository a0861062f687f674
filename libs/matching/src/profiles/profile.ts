/**
 * 画像 (pure): an organisation's weighted terms, each with where it came from. An enterprise's come
 * from what it declares (keywords, products) and what it does (its demands, the entries its users
 * opened, the match notices it answered); an institution's from its achievements, patents and
 * experts. Every piece of evidence counts each of its words once, with the evidence's weight; a
 * term's weight is the sum over the evidence it occurs in.
 */
export const PROFILE_SOURCES = ['declared', 'demand', 'viewed', 'interest', 'achievement', 'patent', 'expert'] as const;
export type ProfileSource = (typeof PROFILE_SOURCES)[number];

export const PROFILE_SOURCE_LABELS: Record<ProfileSource, string> = {
  declared: '自述',
  demand: '发布的需求',
  viewed: '浏览过的条目',
  interest: '表达过意向的匹配通知',
  achievement: '科技成果',
  patent: '专利',
  expert: '专家',
};

/**
 * How much one piece of evidence counts: what a firm says of itself most, a title more than a
 * body, an answered notice more than a page it opened (docs/decisions/0018-profiles-subscriptions.md).
 */
export const EVIDENCE_WEIGHTS = {
  keyword: 3,
  product: 2,
  title: 2,
  body: 1,
  viewedTitle: 1,
  interestTitle: 2,
} as const;

/** At most this many terms are shown and used as the profile's query. */
export const MAX_PROFILE_TERMS = 100;

export interface EntryRef {
  kind: string;
  id: string;
  title: string;
}

export interface Evidence {
  source: ProfileSource;
  /** The entry it came from (none for the declared part). */
  ref?: EntryRef;
  text: string;
  weight: number;
}

export interface TermSource {
  source: ProfileSource;
  label: string;
  weight: number;
  entries: EntryRef[];
}

export interface ProfileTerm {
  term: string;
  weight: number;
  sources: TermSource[];
}

export interface ProfileField {
  field: string;
  sources: ProfileSource[];
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * The terms of the evidence, heaviest first (ties by term), with each source's share and the
 * entries behind it; `segment` is the catalog's jieba segmentation (`indexWords`).
 */
export function profileTerms(evidence: Evidence[], segment: (text: string) => string[], max = MAX_PROFILE_TERMS): ProfileTerm[] {
  const terms = new Map<string, Map<ProfileSource, TermSource>>();
  for (const e of evidence) {
    if (e.weight <= 0) continue;
    for (const term of new Set(segment(e.text))) {
      const bySource = terms.get(term) ?? new Map<ProfileSource, TermSource>();
      terms.set(term, bySource);
      const s = bySource.get(e.source) ?? { source: e.source, label: PROFILE_SOURCE_LABELS[e.source], weight: 0, entries: [] };
      bySource.set(e.source, s);
      s.weight += e.weight;
      if (e.ref && !s.entries.some((r) => r.kind === e.ref!.kind && r.id === e.ref!.id)) s.entries.push(e.ref);
    }
  }
  const out: ProfileTerm[] = [...terms].map(([term, bySource]) => {
    const sources = PROFILE_SOURCES.filter((s) => bySource.has(s)).map((s) => ({
      ...bySource.get(s)!,
      weight: round(bySource.get(s)!.weight),
    }));
    return { term, weight: round(sources.reduce((sum, s) => sum + s.weight, 0)), sources };
  });
  out.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  return out.slice(0, max);
}

/** 行业领域 codes with the sources that name them, in the order first named. */
export function profileFields(named: { field: string; source: ProfileSource }[]): ProfileField[] {
  const out = new Map<string, Set<ProfileSource>>();
  for (const n of named) if (n.field) out.set(n.field, (out.get(n.field) ?? new Set()).add(n.source));
  return [...out].map(([field, sources]) => ({ field, sources: PROFILE_SOURCES.filter((s) => sources.has(s)) }));
}

/** The profile as a query: its terms and how much each counts. */
export function profileQuery(terms: ProfileTerm[]): { terms: string[]; termWeights: Record<string, number> } {
  return { terms: terms.map((t) => t.term), termWeights: Object.fromEntries(terms.map((t) => [t.term, t.weight])) };
}
