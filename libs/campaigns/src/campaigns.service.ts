import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessService, ProblemException } from '@techmarket/core';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { type DeliveryFacts, funnel, type FunnelRow } from './attribution.js';
import { CampaignPlanner } from './campaign-planner.js';
import type { MailJobData } from './campaign-mail.processor.js';
import { campaignsConfig, mailJobOptions } from './campaigns.config.js';
import { CAMPAIGN_EVENTS_QUEUE, CAMPAIGN_MAIL_QUEUE } from './campaigns.registration.js';
import type { CreateCampaign, FunnelQuery, PreviewQuery, RecordContact, ReviewDelivery } from './dto/campaigns.dto.js';
import { Campaign, CampaignContact, CampaignDelivery, CampaignDeliveryReview } from './entities/index.js';
import { DEFAULT_ITEMS_PER_RECIPIENT } from './personalise.js';
import { scopeProblem } from './segment.js';
import { sumPerChild, tenantOfCode } from './tiers.js';

/** The planning job of a launched campaign (its id is the job id: launching twice plans once). */
export interface PlanJob {
  campaignId: string;
}

/**
 * 推送活动: define (draft), preview, launch, and the closed loop's funnel. Every read and write is
 * checked with `AccessService` (Campaign on its tenant); the segment may only name the caller's
 * subtree. The launch only flips the state and enqueues the planning job: the worker plans the
 * deliveries and queues the mails.
 */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(CampaignPlanner) private readonly planner: CampaignPlanner,
    @InjectQueue(CAMPAIGN_EVENTS_QUEUE) private readonly events: Queue,
    @InjectQueue(CAMPAIGN_MAIL_QUEUE) private readonly mail: Queue<MailJobData>,
  ) {}

  async create(dto: CreateCampaign) {
    const p = this.access.principal();
    await this.checkScope(dto);
    const repo = this.ds.getRepository(Campaign);
    const row = repo.create({
      tenantId: p.tenantId,
      name: dto.name,
      subject: dto.subject,
      intro: dto.intro ?? '',
      entrySet: { ...dto.set },
      segment: { ...dto.segment },
      itemsPerRecipient: dto.itemsPerRecipient ?? DEFAULT_ITEMS_PER_RECIPIENT,
      createdBy: p.userId,
    });
    this.access.assert('create', 'Campaign', row);
    return view(await repo.save(row));
  }

  async list() {
    const qb = this.ds.getRepository(Campaign).createQueryBuilder('c').orderBy('c.created_at', 'DESC').addOrderBy('c.id').limit(200);
    return { items: (await this.access.scope(qb, 'read', 'Campaign').getMany()).map(view) };
  }

  async get(id: string) {
    const c = await this.readable(id);
    const f = await this.funnelRows({ campaignId: c.id });
    return { ...view(c), funnel: funnel(f.map((r) => r.facts)), states: countStates(f.map((r) => r.facts.state)) };
  }

  /** Who gets what, and how many (nothing is stored). */
  async preview(id: string, q: PreviewQuery) {
    const c = await this.readable(id);
    this.access.assert('launch', 'Campaign', c);
    const plan = await this.planner.plan(c);
    const perEntry = new Map<string, { id: string; title: string; recipients: number }>();
    for (const r of plan.recipients)
      for (const it of r.items) {
        const e = perEntry.get(it.id) ?? { id: it.id, title: it.title, recipients: 0 };
        e.recipients++;
        perEntry.set(it.id, e);
      }
    return {
      campaignId: c.id,
      setSize: plan.set.length,
      enterprises: plan.enterprises,
      recipients: plan.recipients.length,
      organizations: new Set(plan.recipients.map((r) => r.organizationId)).size,
      unsubscribedExcluded: plan.unsubscribed,
      mails: plan.recipients.slice(0, q.limit ?? 50),
      entries: [...perEntry.values()].sort((a, b) => b.recipients - a.recipients || (a.id < b.id ? -1 : 1)),
    };
  }

  /** 发起推送: 202; the worker plans and sends. A campaign whose plan would be empty is refused (4xx naming why). */
  async launch(id: string) {
    const c = await this.ds.transaction(async (em) => {
      const row = await em.getRepository(Campaign).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row || !this.access.can('read', 'Campaign', row)) throw ProblemException.notFound('Campaign');
      this.access.assert('launch', 'Campaign', row);
      if (row.state !== 'draft') throw new ProblemException('CAMPAIGN_NOT_DRAFT', { state: row.state });
      const plan = await this.planner.plan(row);
      if (!plan.set.length) throw ProblemException.invalidField('set', 'emptyEntrySet');
      if (!plan.recipients.length) throw ProblemException.invalidField('segment', 'emptySegment');
      Object.assign(row, { state: 'launching', launchedBy: this.access.principal().userId, launchedAt: new Date() });
      return em.getRepository(Campaign).save(row);
    });
    await this.events.add('campaign.plan', { campaignId: c.id } satisfies PlanJob, {
      jobId: `plan-${c.id}`,
      attempts: 10,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: 1_000,
      removeOnFail: 5_000,
    });
    return view(c);
  }

  async deliveries(id: string) {
    const c = await this.readable(id);
    const rows = await this.ds
      .getRepository(CampaignDelivery)
      .createQueryBuilder('d')
      .where('d.campaign_id = :id', { id: c.id })
      .orderBy('d.organization_name')
      .addOrderBy('d.email')
      .limit(5_000)
      .getMany();
    const reviews = new Map(
      (await this.ds.getRepository(CampaignDeliveryReview).find({ where: { campaignId: c.id } })).map((r) => [
        r.deliveryId,
        { outcome: r.outcome, note: r.note, reviewedAt: r.reviewedAt },
      ]),
    );
    return {
      items: rows.map((d) => ({
        id: d.id,
        organizationId: d.organizationId,
        organizationName: d.organizationName,
        email: d.email,
        state: d.state,
        attempts: d.attempts,
        messageId: d.messageId,
        lastError: d.lastError,
        sentAt: d.sentAt,
        openedAt: d.openedAt,
        clickedAt: d.clickedAt,
        interestedAt: d.interestedAt,
        items: d.items.map((i) => ({ kind: i.kind, id: i.id, title: i.title, score: i.score, reasons: i.reasons })),
        /** 投递核查, for a delivery whose outcome was unknown. */
        review: reviews.get(d.id) ?? null,
      })),
    };
  }

  /** 促成对接: a broker or tier staff records that the recipient was put in contact (audited, once per delivery). */
  async recordContact(deliveryId: string, dto: RecordContact) {
    return this.ds.transaction(async (em) => {
      const d = await em.getRepository(CampaignDelivery).findOne({ where: { id: deliveryId } });
      const record = d && { tenantId: d.recipientTenantId };
      if (!d || !record || !this.access.can('read', 'CampaignContact', record)) throw ProblemException.notFound('CampaignDelivery');
      this.access.assert('create', 'CampaignContact', record);
      const repo = em.getRepository(CampaignContact);
      const inserted = await repo
        .createQueryBuilder()
        .insert()
        .values({
          tenantId: d.recipientTenantId,
          deliveryId: d.id,
          campaignId: d.campaignId,
          note: dto.note,
          contactedBy: this.access.principal().userId,
        })
        .orIgnore()
        .returning('id')
        .execute();
      if (!inserted.raw.length) throw new ProblemException('CAMPAIGN_ALREADY_CONTACTED');
      const row = await repo.findOneByOrFail({ id: inserted.raw[0].id });
      return { id: row.id, deliveryId: d.id, campaignId: d.campaignId, note: row.note, contactedAt: row.contactedAt };
    });
  }

  /**
   * 投递核查: the campaign's admin settles a delivery left `unknown` — `delivered` (it counts as sent)
   * or `resend` (sent again, unless the address unsubscribed since). Audited, once per delivery. The
   * resend job is queued while the row is still locked: the sender locks the row before claiming it,
   * so it waits for the commit, and finds nothing to send if the transaction rolls back.
   */
  async reviewDelivery(deliveryId: string, dto: ReviewDelivery) {
    return this.ds.transaction(async (em) => {
      const d = await em.getRepository(CampaignDelivery).findOne({ where: { id: deliveryId }, lock: { mode: 'pessimistic_write' } });
      const c = d && (await em.getRepository(Campaign).findOne({ where: { id: d.campaignId } }));
      if (!d || !c || !this.access.can('read', 'Campaign', c)) throw ProblemException.notFound('CampaignDelivery');
      this.access.assert('create', 'CampaignDeliveryReview', { tenantId: c.tenantId });
      if (d.state !== 'unknown') throw new ProblemException('CAMPAIGN_DELIVERY_NOT_UNKNOWN', { state: d.state });
      const review = await em.getRepository(CampaignDeliveryReview).save(
        em.getRepository(CampaignDeliveryReview).create({
          tenantId: c.tenantId,
          deliveryId: d.id,
          campaignId: c.id,
          outcome: dto.outcome === 'resend' ? 'resent' : 'delivered',
          note: dto.note,
          reviewedBy: this.access.principal().userId,
        }),
      );
      if (dto.outcome === 'delivered') {
        await em.query(`UPDATE campaign_delivery SET state = 'sent', sent_at = COALESCE(sent_at, claimed_at, now()) WHERE id = $1`, [d.id]);
      } else {
        await em.query(`UPDATE campaign_delivery SET state = 'retry', last_error = NULL WHERE id = $1`, [d.id]);
        await this.mail.add('campaign.mail', { deliveryId: d.id }, mailJobOptions(campaignsConfig(), `${d.id}-resend`));
      }
      return { deliveryId: d.id, outcome: review.outcome, note: review.note, reviewedAt: review.reviewedAt };
    });
  }

  /**
   * 闭环漏斗 by tier: recipients of the campaigns the caller may read, located in `tenantCode`'s
   * subtree (default: the caller's tenant), summed per child tenant (a province per city, a city
   * per county) and in total.
   */
  async funnel(q: FunnelQuery) {
    const p = this.access.principal();
    const code = q.tenantCode ?? p.tenantCode;
    const t = await tenantOfCode(this.ds, code);
    if (!t) throw ProblemException.invalidField('tenantCode', 'unknownTenantCode');
    if (!p.subtreeTenantIds.includes(t.id)) throw ProblemException.invalidField('tenantCode', 'tenantOutsideScope');
    const rows = await this.funnelRows({ campaignId: q.campaignId, under: t.path });
    return { tenant: { code: t.code, name: t.name }, ...(await sumPerChild(this.ds, t, rows, funnel)) };
  }

  /**
   * The roll-up's section (统计扩展, registered by CampaignsModule): every push to an enterprise in the
   * tenant's subtree whose mail went out in the period, per child tenant. The roll-up has checked
   * the caller may read that tenant's statistics; which tier launched the campaign does not matter.
   */
  async rollupSection(tenant: { id: string; code: string; name: string; path: string }, period: { from: string; to: string }) {
    const rows = await this.funnelRows({ under: tenant.path, months: period, unscoped: true });
    return sumPerChild(this.ds, tenant, rows, funnel);
  }

  private async funnelRows(q: {
    campaignId?: string;
    under?: string;
    months?: { from: string; to: string };
    unscoped?: boolean;
  }): Promise<{ child: string; facts: DeliveryFacts }[]> {
    const qb = this.ds
      .getRepository(CampaignDelivery)
      .createQueryBuilder('d')
      .innerJoin('tenant', 't', 't.id = d.recipient_tenant_id')
      .select('d.state', 'state')
      .addSelect('d.opened_at IS NOT NULL', 'opened')
      .addSelect('d.clicked_at IS NOT NULL', 'clicked')
      .addSelect('d.interested_at IS NOT NULL', 'interested')
      .addSelect('EXISTS (SELECT 1 FROM campaign_contact k WHERE k.delivery_id = d.id)', 'contacted')
      .addSelect('(SELECT sum(v.amount_fen) FROM campaign_conversion v WHERE v.delivery_id = d.id)::text', 'amount');
    if (q.under) {
      qb.addSelect(
        `CASE WHEN nlevel(t.path) > nlevel(CAST(:under AS ltree)) THEN ltree2text(subpath(t.path, nlevel(CAST(:under AS ltree)), 1))
              ELSE ltree2text(subpath(t.path, -1)) END`,
        'child',
      ).andWhere('t.path <@ CAST(:under AS ltree)', { under: q.under });
    } else qb.addSelect(`''`, 'child');
    if (q.campaignId) qb.andWhere('d.campaign_id = :cid', { cid: q.campaignId });
    if (q.months)
      qb.andWhere(`to_char(COALESCE(d.sent_at, d.claimed_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') BETWEEN :from AND :to`, q.months);
    if (!q.unscoped) this.access.scope(qb, 'read', 'CampaignDelivery');
    const raw: {
      state: string;
      opened: boolean;
      clicked: boolean;
      interested: boolean;
      contacted: boolean;
      amount: string | null;
      child: string;
    }[] = await qb.getRawMany();
    return raw.map((r) => ({
      child: r.child,
      facts: { ...r, contractAmountFen: r.amount === null ? null : Number(r.amount) },
    }));
  }

  private async readable(id: string): Promise<Campaign> {
    const qb = this.ds.getRepository(Campaign).createQueryBuilder('c').where('c.id = :id', { id });
    const c = await this.access.scope(qb, 'read', 'Campaign').getOne();
    if (!c) throw ProblemException.notFound('Campaign');
    return c;
  }

  private async checkScope(dto: CreateCampaign): Promise<void> {
    const codes = [dto.segment.tenantCode, ...(dto.set.tenantCode ? [dto.set.tenantCode] : [])];
    const rows: { id: string; code: string }[] = await this.ds.query(`SELECT id, code FROM tenant WHERE code = ANY($1)`, [codes]);
    const problem = scopeProblem(
      dto.segment,
      dto.set,
      new Map(rows.map((r) => [r.code, r.id])),
      new Set(this.access.principal().subtreeTenantIds),
    );
    if (problem) throw ProblemException.invalidField(problem.field, problem.code, problem.args);
  }
}

function countStates(states: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of states) out[s] = (out[s] ?? 0) + 1;
  return out;
}

function view(c: Campaign) {
  return {
    id: c.id,
    tenantId: c.tenantId,
    name: c.name,
    subject: c.subject,
    intro: c.intro,
    set: c.entrySet,
    segment: c.segment,
    itemsPerRecipient: c.itemsPerRecipient,
    state: c.state,
    recipients: c.recipients,
    launchedAt: c.launchedAt,
    createdAt: c.createdAt,
  };
}

export type { FunnelRow };
