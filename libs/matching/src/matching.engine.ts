import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CatalogCorpus, type CorpusEntry, type CorpusKind, indexWords, INDUSTRY_FIELDS } from '@techmarket/catalog';
import { MailQueue, UsersService } from '@techmarket/core';
import type { DataSource } from 'typeorm';
import { idf, type QueryWeights } from './bm25.js';
import { MatchNotice, MatchResult } from './entities/index.js';
import { demandIpc } from './query.js';
import { DEFAULT_WEIGHTS, type DemandSide, type Explanation, rank, RELEVANCE_GATE, type SupplySide, type Weights } from './score.js';

/** Supply kinds matched to a demand. */
export const DEMAND_TARGETS = ['achievement', 'patent', 'expert'] as const;
export type DemandTarget = (typeof DEMAND_TARGETS)[number];

/** How many of each kind are kept per source; how many candidates are scored per kind. */
export const KEEP_PER_KIND = 20;
export const CANDIDATES_PER_KIND = 300;
/** At most this many of a query's terms (the rarest in the corpus) take part. */
export const MAX_QUERY_TERMS = 32;
/** Who hears about a published demand: the owners of the best achievements/patents, the best experts. */
export const NOTIFY = { supply: 5, expert: 3 } as const;

export interface MatchView {
  rank: number;
  kind: string;
  id: string;
  title: string;
  organizationId: string | null;
  organizationName: string | null;
  tenantCode: string;
  tenantId: string;
  /** For an enterprise: the published demand it matched through. */
  viaEntryId: string;
  score: number;
  explanation: Explanation;
}

const demandSide = (e: CorpusEntry): DemandSide => ({
  fields: e.fields,
  ipc: demandIpc(e.fields, e.ipcClasses),
  budgetMinFen: e.budgetMinFen,
  budgetMaxFen: e.budgetMaxFen,
  divisionCode: e.divisionCode,
});
const supplySide = (e: CorpusEntry): SupplySide & { id: string; length: number; tf: Record<string, number> } => ({
  ...e,
  kind: e.kind as SupplySide['kind'],
});

/**
 * What is matched against the supply: a demand's side of the factors, its words and (for a
 * profile) how much each word counts, and the organisation whose own entries are left out.
 */
export interface MatchQuery extends DemandSide {
  terms: string[];
  termWeights?: QueryWeights;
  excludeOrganizationId: string | null;
}

/** The words of an entry as a query: its title and text, segmented by the catalog's jieba (search mode). */
export function queryTerms(e: Pick<CorpusEntry, 'title' | 'body' | 'fields'>): string[] {
  const fieldLabels = e.fields.map((f) => INDUSTRY_FIELDS[f as keyof typeof INDUSTRY_FIELDS] ?? '').join(' ');
  return [...new Set(indexWords(`${e.title} ${e.body} ${fieldLabels}`))];
}

/**
 * The matching engine: reads the published catalog as a corpus (CatalogCorpus), ranks with
 * `score.ts` and stores the results. Runs in the worker for publication events; the weight preview
 * calls `rankForDemand` directly.
 */
@Injectable()
export class MatchingEngine {
  private readonly logger = new Logger(MatchingEngine.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(CatalogCorpus) private readonly corpus: CatalogCorpus,
    @Inject(MailQueue) private readonly mail: MailQueue,
    @Inject(UsersService) private readonly users: UsersService,
  ) {}

  /** The weights in force: the root tenant's row, else the defaults. */
  async weights(): Promise<Weights> {
    const [row]: { weights: Record<string, number> }[] = await this.ds.query(
      `SELECT w.weights FROM matching_weights w JOIN tenant t ON t.id = w.tenant_id WHERE t.parent_id IS NULL`,
    );
    return { ...DEFAULT_WEIGHTS, ...(row?.weights ?? {}) } as Weights;
  }

  async entry(kind: CorpusKind, id: string): Promise<CorpusEntry | null> {
    return (await this.corpus.entries(kind, [id]))[0] ?? null;
  }

  /**
   * The terms of the query that occur in the corpus of `kind` (the rest add nothing to BM25), the
   * rarest first — or, with query weights, those with the most weight × IDF first.
   */
  private async terms(kind: CorpusKind, all: string[], qw?: QueryWeights) {
    const stats = await this.corpus.stats(kind, all);
    const key = (t: string) => (qw?.[t] ?? 1) * idf(stats.documents, stats.df[t]);
    const terms = all
      .filter((t) => (stats.df[t] ?? 0) > 0)
      .sort((a, b) => key(b) - key(a) || (a < b ? -1 : 1))
      .slice(0, MAX_QUERY_TERMS);
    return { terms, stats };
  }

  /** Achievements, patents or experts for a demand, best first. */
  async rankForDemand(
    demand: CorpusEntry,
    kind: DemandTarget,
    w: Weights,
    keep = KEEP_PER_KIND,
    gate = RELEVANCE_GATE,
  ): Promise<MatchView[]> {
    return this.rankForQuery(
      { ...demandSide(demand), terms: queryTerms(demand), excludeOrganizationId: demand.organizationId },
      kind,
      w,
      keep,
      gate,
    );
  }

  /** Achievements, patents or experts for a query (a demand, an enterprise's profile), best first. */
  async rankForQuery(q: MatchQuery, kind: DemandTarget, w: Weights, keep = KEEP_PER_KIND, gate = RELEVANCE_GATE): Promise<MatchView[]> {
    const { terms, stats } = await this.terms(kind, q.terms, q.termWeights);
    const candidates = await this.corpus.candidates(kind, {
      terms,
      fields: q.fields,
      // With the relevance gate an entry sharing no word scores 0 whatever its field: not worth reading.
      orInFields: gate === 0,
      limit: CANDIDATES_PER_KIND,
      excludeOrganizationId: q.excludeOrganizationId,
    });
    return rank(
      q,
      candidates.map((c) => ({ ...supplySide(c), entry: c })),
      terms,
      stats,
      w,
      q.termWeights,
      gate,
    )
      .slice(0, keep)
      .map((r, i) => view(i + 1, kind, r.item.entry, r.item.entry.id, r.explanation));
  }

  /** Enterprises for an achievement or patent: through their published demands, each enterprise once (its best demand). */
  async rankForSupply(supply: CorpusEntry, w: Weights, keep = KEEP_PER_KIND): Promise<MatchView[]> {
    const { terms, stats } = await this.terms('demand', queryTerms(supply));
    const demands = await this.corpus.candidates('demand', {
      terms,
      fields: supply.fields,
      limit: CANDIDATES_PER_KIND,
      excludeOrganizationId: supply.organizationId,
    });
    const s = supplySide(supply);
    const scored = demands
      .map((d) => {
        // The demand is the query side of the pair; BM25 ranks the demand document for the supply's terms.
        const [r] = rank(demandSide(d), [{ ...s, id: d.id, length: d.length, tf: d.tf }], terms, stats, w);
        return { d, explanation: r.explanation };
      })
      .sort((a, b) => b.explanation.score - a.explanation.score || (a.d.id < b.d.id ? -1 : 1));
    const seen = new Set<string>();
    const out: MatchView[] = [];
    for (const { d, explanation } of scored) {
      if (!d.organizationId || seen.has(d.organizationId)) continue;
      seen.add(d.organizationId);
      out.push({ ...view(out.length + 1, 'enterprise', d, d.id, explanation), id: d.organizationId, title: d.organizationName ?? d.title });
      if (out.length >= keep) break;
    }
    return out;
  }

  /** Replaces the stored matches of a source (one transaction). */
  async store(source: CorpusEntry, matches: MatchView[]): Promise<void> {
    await this.ds.transaction(async (em) => {
      await em.query(`DELETE FROM match_result WHERE source_id = $1`, [source.id]);
      if (!matches.length) return;
      const now = new Date();
      await em.getRepository(MatchResult).insert(
        matches.map((m) => ({
          tenantId: source.tenantId,
          sourceKind: source.kind,
          sourceId: source.id,
          targetKind: m.kind,
          targetId: m.id,
          targetTitle: m.title.slice(0, 200),
          targetOrganizationId: m.organizationId,
          targetTenantId: m.tenantId,
          viaEntryId: m.viaEntryId,
          rank: m.rank,
          score: m.explanation.score,
          explanation: m.explanation,
          computedAt: now,
        })),
      );
    });
  }

  /** A published demand: rank every kind, store, and tell the best matches. */
  async handleDemand(id: string): Promise<{ matches: number; notified: number }> {
    const demand = await this.entry('demand', id);
    if (!demand || demand.status !== 'published') return { matches: 0, notified: 0 };
    const w = await this.weights();
    const all: MatchView[] = [];
    for (const kind of DEMAND_TARGETS) all.push(...(await this.rankForDemand(demand, kind, w)));
    await this.store(demand, all);
    const notified = await this.notify(demand, all);
    this.logger.log(`demand ${id}: ${all.length} matches, ${notified} told`);
    return { matches: all.length, notified };
  }

  /** A published achievement or patent: rank enterprises and store. */
  async handleSupply(kind: 'achievement' | 'patent', id: string): Promise<{ matches: number }> {
    const supply = await this.entry(kind, id);
    if (!supply || supply.status !== 'published') return { matches: 0 };
    const matches = await this.rankForSupply(supply, await this.weights());
    await this.store(supply, matches);
    return { matches: matches.length };
  }

  /**
   * 定向推送: the owners of the best achievements and patents and the best experts get a notice (a
   * row, idempotent per demand and target) and a zh-CN mail through core's mail queue. Only matches
   * sharing at least one term with the demand are told. A retried job finds the rows and mails no one twice.
   */
  async notify(demand: CorpusEntry, matches: MatchView[]): Promise<number> {
    const relevant = (m: MatchView) => (m.explanation.factors.find((f) => f.factor === 'text')?.terms?.length ?? 0) > 0;
    const supply = matches.filter((m) => m.kind !== 'expert' && relevant(m)).slice(0, NOTIFY.supply);
    const experts = matches.filter((m) => m.kind === 'expert' && relevant(m)).slice(0, NOTIFY.expert);
    const expertEntries = new Map(
      (
        await this.corpus.entries(
          'expert',
          experts.map((e) => e.id),
        )
      ).map((e) => [e.id, e]),
    );
    let told = 0;
    for (const m of [...supply, ...experts]) {
      const expert = expertEntries.get(m.id);
      const recipientUserId = m.kind === 'expert' ? (expert?.userId ?? null) : null;
      const recipientOrganizationId = m.kind === 'expert' ? null : m.organizationId;
      if (!recipientUserId && !recipientOrganizationId && !expert?.contactEmail) continue;
      const to = new Set<string>();
      if (recipientOrganizationId) for (const a of await this.users.recipients({ organizationId: recipientOrganizationId })) to.add(a);
      if (recipientUserId)
        for (const a of await this.users.recipients({ organizationId: NO_ORGANIZATION, userIds: [recipientUserId] })) to.add(a);
      if (expert?.contactEmail) to.add(expert.contactEmail);
      const reasons = m.explanation.factors
        .filter((f) => f.points > 0)
        .map((f) => ({ factor: f.factor, label: f.label, points: f.points, note: f.note }));
      // Claim the (demand, target) row first: a retry or a second run finds it and sends nothing.
      const inserted = await this.ds
        .getRepository(MatchNotice)
        .createQueryBuilder()
        .insert()
        .values({
          tenantId: demand.tenantId,
          demandId: demand.id,
          demandTitle: demand.title.slice(0, 200),
          targetKind: m.kind,
          targetId: m.id,
          targetTitle: m.title.slice(0, 200),
          recipientOrganizationId,
          recipientUserId,
          mailedTo: [...to],
          score: m.explanation.score,
          reasons,
        })
        .orIgnore()
        .returning('id')
        .execute();
      if (!inserted.raw.length) continue;
      told++;
      for (const address of to) await this.mail.enqueue(noticeMail(address, demand, m, reasons));
    }
    return told;
  }
}

/** `UsersService.recipients` by user id only: an organisation id no account has. */
export const NO_ORGANIZATION = '00000000-0000-0000-0000-000000000000';

function view(rank: number, kind: string, e: CorpusEntry, via: string, explanation: Explanation): MatchView {
  return {
    rank,
    kind,
    id: e.id,
    title: e.title,
    organizationId: e.organizationId,
    organizationName: e.organizationName,
    tenantCode: e.tenantCode,
    tenantId: e.tenantId,
    viaEntryId: via,
    score: explanation.score,
    explanation,
  };
}

const KIND_LABELS: Record<string, string> = { achievement: '科技成果', patent: '专利', expert: '专家' };

function noticeMail(to: string, demand: CorpusEntry, m: MatchView, reasons: { label: string; note: string }[]) {
  const what = m.kind === 'expert' ? `您（专家库：${m.title}）` : `贵单位的${KIND_LABELS[m.kind]}“${m.title}”`;
  return {
    to,
    subject: `【吉林省科技大市场】新发布的企业需求与您匹配：${demand.title}`,
    text: [
      `${demand.organizationName ?? ''}发布了企业技术需求“${demand.title}”，${what}与之匹配（匹配度 ${Math.round(m.explanation.score * 100)} 分）。`,
      '',
      '匹配原因：',
      ...reasons.map((r) => `· ${r.label}：${r.note}`),
      '',
      `需求内容：${demand.body.slice(0, 300)}`,
      '',
      '登录吉林省科技大市场，在“匹配通知”中查看并表达合作意向。',
    ].join('\n'),
  };
}
