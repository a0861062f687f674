import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessService, ProblemException } from '@techmarket/core';
import { MatchNoticeDirectory, type MatchNoticeFacts } from '@techmarket/matching';
import { parsePeriod, type Period } from '@techmarket/rollup';
import type { DataSource } from 'typeorm';
import { matchFunnel, type NoticeLoopFacts } from './attribution.js';
import type { MatchFunnelQuery, RecordContact } from './dto/campaigns.dto.js';
import { MatchContact } from './entities/index.js';
import { childCode, sumPerChild, type TierTenant, tenantOfCode } from './tiers.js';

/**
 * 撮合闭环: the closed loop of the match notices a published demand sends (libs/matching) — who was
 * told, who answered, who was put in contact, which contracts followed and for how much — per tier.
 * Notices are read only through matching's `MatchNoticeDirectory`; contacts and conversions are
 * campaigns' own tables. Every route is checked with `AccessService` on the demand's tenant.
 */
@Injectable()
export class MatchLoopService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(MatchNoticeDirectory) private readonly notices: MatchNoticeDirectory,
  ) {}

  /** 促成对接: tier staff of the demand's tenant chain, or a broker there, put the demand's owner and the told organisation in contact. */
  async recordContact(noticeId: string, dto: RecordContact) {
    const n = await this.notices.byId(noticeId);
    const record = n && { tenantId: n.tenantId };
    if (!n || !record || !this.access.can('read', 'MatchContact', record)) throw ProblemException.notFound('MatchNotice');
    this.access.assert('create', 'MatchContact', record);
    return this.ds.transaction(async (em) => {
      const repo = em.getRepository(MatchContact);
      const inserted = await repo
        .createQueryBuilder()
        .insert()
        .values({ tenantId: n.tenantId, noticeId: n.id, demandId: n.demandId, note: dto.note, contactedBy: this.access.principal().userId })
        .orIgnore()
        .returning('id')
        .execute();
      if (!inserted.raw.length) throw new ProblemException('MATCH_ALREADY_CONTACTED');
      const row = await repo.findOneByOrFail({ id: inserted.raw[0].id });
      return { id: row.id, noticeId: n.id, demandId: n.demandId, note: row.note, contactedAt: row.contactedAt };
    });
  }

  /**
   * 撮合漏斗 by tier: the notices of demands kept in `tenantCode`'s subtree (default: the caller's
   * tenant) sent in the period, summed per child tenant (a province per city, a city per county).
   * Another tier's tenant is a 403 (CASL `MatchLoop` on the tenant).
   */
  async funnel(q: MatchFunnelQuery) {
    const t = await tenantOfCode(this.ds, q.tenantCode ?? this.access.principal().tenantCode);
    if (!t) throw ProblemException.invalidField('tenantCode', 'unknownTenantCode');
    this.access.assert('read', 'MatchLoop', { tenantId: t.id });
    const period = parsePeriod(q.period)!;
    return { tenant: { code: t.code, name: t.name }, period, ...(await this.perChild(t, period, q.demandId)) };
  }

  /** The roll-up's section (`sections.matches`): the roll-up has checked the caller may read the tenant. */
  async rollupSection(tenant: TierTenant, period: Period) {
    return this.perChild(tenant, period);
  }

  private async perChild(t: TierTenant, months: Period, demandId?: string) {
    const notices = await this.notices.under(t.path, { months, demandId });
    const facts = await this.loopFacts(notices);
    return sumPerChild(
      this.ds,
      t,
      notices.map((n) => ({ child: childCode(n.tenantPath, t.path), facts: facts.get(n.id)! })),
      matchFunnel,
    );
  }

  private async loopFacts(notices: MatchNoticeFacts[]): Promise<Map<string, NoticeLoopFacts>> {
    const ids = notices.map((n) => n.id);
    const rows: { id: string; contacted: boolean; amount: string | null; tech: string | null }[] = ids.length
      ? await this.ds.query(
          `SELECT x.id::text, EXISTS (SELECT 1 FROM match_contact k WHERE k.notice_id = x.id) AS contacted,
                  (SELECT sum(v.amount_fen) FROM match_conversion v WHERE v.notice_id = x.id)::text AS amount,
                  (SELECT sum(v.tech_transaction_fen) FROM match_conversion v WHERE v.notice_id = x.id)::text AS tech
             FROM unnest($1::uuid[]) AS x(id)`,
          [ids],
        )
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return new Map(
      notices.map((n) => {
        const r = byId.get(n.id);
        return [
          n.id,
          {
            answered: n.interestedAt !== null,
            contacted: r?.contacted ?? false,
            contract: r?.amount == null ? null : { amountFen: Number(r.amount), techTransactionFen: Number(r.tech ?? 0) },
          },
        ];
      }),
    );
  }
}
