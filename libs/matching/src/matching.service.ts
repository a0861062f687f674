import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CatalogCorpus, type CorpusEntry, type CorpusKind } from '@techmarket/catalog';
import { AccessService, ProblemException } from '@techmarket/core';
import type { DataSource } from 'typeorm';
import type { DemandMatchesQuery, ExpressInterest, PreviewWeights, WeightsDto } from './dto/matching.dto.js';
import { MatchingWeights, MatchNotice, MatchResult } from './entities/index.js';
import { DEMAND_TARGETS, MatchingEngine, type MatchView } from './matching.engine.js';
import { DEFAULT_WEIGHTS, FACTORS, type Weights } from './score.js';

const SOURCE_SUBJECT = { demand: 'Demand', achievement: 'Achievement', patent: 'Patent' } as const;

/**
 * The matching routes: stored matches of an entry, the weights and their preview, the notices.
 * Every read is checked with `AccessService` on the entry's tenant and organisation (Match), or
 * scoped to the caller (MatchNotice); targets are shown only while they are published.
 */
@Injectable()
export class MatchingService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(MatchingEngine) private readonly engine: MatchingEngine,
    @Inject(CatalogCorpus) private readonly corpus: CatalogCorpus,
  ) {}

  /** The source entry, if the caller may read its matches (404 when unknown, 403 when not theirs). */
  private async source(kind: keyof typeof SOURCE_SUBJECT, id: string): Promise<CorpusEntry> {
    const e = await this.engine.entry(kind, id);
    if (!e) throw ProblemException.notFound(SOURCE_SUBJECT[kind]);
    this.access.assert('read', 'Match', { tenantId: e.tenantId, organizationId: e.organizationId });
    return e;
  }

  async matches(kind: keyof typeof SOURCE_SUBJECT, id: string, q: DemandMatchesQuery = {}) {
    const source = await this.source(kind, id);
    const qb = this.ds
      .getRepository(MatchResult)
      .createQueryBuilder('m')
      .where('m.source_id = :id', { id: source.id })
      .orderBy('m.target_kind')
      .addOrderBy('m.rank');
    if (q.kind) qb.andWhere('m.target_kind = :k', { k: q.kind });
    const rows = await qb.getMany();
    // A target withdrawn since the run is no longer shown (nothing unpublished is ever revealed).
    const live = new Set<string>();
    for (const k of ['achievement', 'patent', 'expert', 'demand'] as CorpusKind[]) {
      const ids = rows.filter((r) => (r.targetKind === 'enterprise' ? 'demand' : r.targetKind) === k).map((r) => r.viaEntryId);
      for (const x of await this.corpus.publishedIds(k, ids)) live.add(x);
    }
    const items = rows
      .filter((r) => live.has(r.viaEntryId))
      .map((r) => ({
        kind: r.targetKind,
        rank: r.rank,
        id: r.targetId,
        title: r.targetTitle,
        organizationId: r.targetOrganizationId,
        viaEntryId: r.viaEntryId,
        score: r.score,
        explanation: r.explanation,
      }));
    return { source: { kind, id: source.id, title: source.title }, computedAt: rows[0]?.computedAt ?? null, items };
  }

  async getWeights() {
    const root = await this.root();
    this.access.assert('read', 'MatchingWeights', { tenantId: root });
    const row = await this.ds.getRepository(MatchingWeights).findOne({ where: { tenantId: root } });
    return { weights: { ...DEFAULT_WEIGHTS, ...(row?.weights ?? {}) }, defaults: DEFAULT_WEIGHTS, updatedAt: row?.updatedAt ?? null };
  }

  async setWeights(dto: WeightsDto) {
    const weights = this.checked(dto);
    const root = await this.root();
    await this.ds.transaction(async (em) => {
      const repo = em.getRepository(MatchingWeights);
      const existing = await repo.findOne({ where: { tenantId: root }, lock: { mode: 'pessimistic_write' } });
      const record = existing ?? repo.create({ tenantId: root });
      this.access.assert('update', 'MatchingWeights', record);
      await repo.save(Object.assign(record, { weights, updatedBy: this.access.principal().userId }));
    });
    return this.getWeights();
  }

  /** The ranking of a published demand's candidates under the proposed weights, next to the current one. */
  async preview(dto: PreviewWeights) {
    const proposed = this.checked(dto.weights);
    const root = await this.root();
    this.access.assert('update', 'MatchingWeights', { tenantId: root });
    const demand = await this.engine.entry('demand', dto.demandId);
    if (!demand || demand.status !== 'published') throw ProblemException.invalidField('demandId', 'notPublishedDemand');
    const kind = dto.kind ?? 'achievement';
    const current = await this.engine.weights();
    const [now, then] = await Promise.all([
      this.engine.rankForDemand(demand, kind, current),
      this.engine.rankForDemand(demand, kind, proposed),
    ]);
    const before = new Map(now.map((m) => [m.id, m.rank]));
    const brief = (m: MatchView) => ({ rank: m.rank, id: m.id, title: m.title, score: m.score });
    return {
      demand: { id: demand.id, title: demand.title },
      kind,
      current: { weights: current, items: now.map(brief) },
      proposed: {
        weights: proposed,
        items: then.map((m) => ({ ...brief(m), previousRank: before.get(m.id) ?? null, explanation: m.explanation })),
      },
    };
  }

  /** Who was told about a demand and who answered (the posting side: checked as the demand's matches). */
  async demandNotices(id: string) {
    const demand = await this.source('demand', id);
    const rows = await this.ds.getRepository(MatchNotice).find({ where: { demandId: demand.id }, order: { score: 'DESC', id: 'ASC' } });
    return { items: rows.map(noticeView), told: rows.length, answered: rows.filter((r) => r.interestedAt).length };
  }

  /** The caller's own notices (an organisation's members, or an expert). */
  async myNotices() {
    const qb = this.ds.getRepository(MatchNotice).createQueryBuilder('n').orderBy('n.notified_at', 'DESC').addOrderBy('n.id').limit(200);
    const rows = await this.access.scope(qb, 'read', 'MatchNotice').getMany();
    return { items: rows.map(noticeView) };
  }

  async expressInterest(id: string, dto: ExpressInterest) {
    return this.ds.transaction(async (em) => {
      const qb = em.getRepository(MatchNotice).createQueryBuilder('n').where('n.id = :id', { id }).setLock('pessimistic_write');
      const row = await this.access.scope(qb, 'read', 'MatchNotice').getOne();
      if (!row) throw ProblemException.notFound('MatchNotice');
      this.access.assert('update', 'MatchNotice', row);
      if (row.interestedAt) throw new ProblemException('NOTICE_ALREADY_ANSWERED');
      Object.assign(row, { interestedAt: new Date(), interestedBy: this.access.principal().userId, interestMessage: dto.message ?? null });
      return noticeView(await em.getRepository(MatchNotice).save(row));
    });
  }

  private checked(dto: WeightsDto): Weights {
    const w = Object.fromEntries(FACTORS.map((f) => [f, dto[f]])) as Weights;
    if (FACTORS.every((f) => w[f] === 0)) throw ProblemException.invalidField('weights', 'weightsAllZero');
    return w;
  }

  private async root(): Promise<string> {
    const [r]: { id: string }[] = await this.ds.query(`SELECT id FROM tenant WHERE parent_id IS NULL`);
    return r.id;
  }
}

export { DEMAND_TARGETS };

function noticeView(n: MatchNotice) {
  return {
    id: n.id,
    demandId: n.demandId,
    demandTitle: n.demandTitle,
    targetKind: n.targetKind,
    targetId: n.targetId,
    targetTitle: n.targetTitle,
    recipientOrganizationId: n.recipientOrganizationId,
    recipientUserId: n.recipientUserId,
    mailedTo: n.mailedTo,
    score: n.score,
    reasons: n.reasons,
    notifiedAt: n.notifiedAt,
    interestedAt: n.interestedAt,
    interestMessage: n.interestMessage,
  };
}
