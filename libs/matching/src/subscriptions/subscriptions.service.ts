import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CatalogCorpus, type CorpusKind } from '@techmarket/catalog';
import { AccessService, AppConfigService, chinaDate, MailQueue, ProblemException, UsersService } from '@techmarket/core';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { CreateSubscriptionDto, RunDigestsDto, UpdateSubscriptionDto } from '../dto/profiles.dto.js';
import { Subscription } from '../entities/index.js';
import { NO_ORGANIZATION } from '../matching.engine.js';
import { fieldLabel } from '../profiles/profiles.service.js';
import { DIGEST_QUEUE } from '../matching.registration.js';
import {
  DIGEST_ENTRIES_PER_KIND,
  DIGEST_SCHEDULES,
  digestMail,
  digestPeriod,
  type DigestSection,
  type Frequency,
  isDigestDate,
  unsubscribeSignature,
  verifyUnsubscribe,
} from './digest.js';

export const DEFAULT_SUBSCRIPTION_KINDS = ['achievement', 'patent', 'demand'];

/** The digests' job: a scheduled run (every subscription of a frequency) or one the province admin asked for. */
export interface DigestJob {
  frequency: Frequency;
  /** China date naming the period (default: the day the job runs). */
  date?: string;
}

/**
 * 订阅与定期推送: a user's subscriptions (their own only), the digests the worker builds for them
 * and the signed one-click unsubscribe. A digest lists entries published since the previous one
 * (`coveredUntil`), is claimed per subscription and period before its mail is queued, and is not
 * mailed when nothing matched.
 */
@Injectable()
export class SubscriptionsService {
  private readonly logger = new Logger(SubscriptionsService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(CatalogCorpus) private readonly corpus: CatalogCorpus,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(MailQueue) private readonly mail: MailQueue,
    @Inject(AppConfigService) private readonly config: AppConfigService,
    @InjectQueue(DIGEST_QUEUE) private readonly queue: Queue<DigestJob>,
  ) {}

  async create(dto: CreateSubscriptionDto) {
    const p = this.access.principal();
    const sub = this.ds.getRepository(Subscription).create({
      userId: p.userId,
      tenantId: p.tenantId,
      fields: dto.fields ?? [],
      keywords: cleanKeywords(dto.keywords ?? []),
      kinds: dto.kinds ?? DEFAULT_SUBSCRIPTION_KINDS,
      frequency: dto.frequency,
      active: true,
      coveredUntil: new Date(),
      unsubscribedAt: null,
    });
    checkWhat(sub);
    this.access.assert('create', 'Subscription', sub);
    return view(await this.ds.getRepository(Subscription).save(sub));
  }

  async list() {
    const qb = this.ds.getRepository(Subscription).createQueryBuilder('s').orderBy('s.created_at', 'DESC').addOrderBy('s.id');
    return { items: (await this.access.scope(qb, 'read', 'Subscription').getMany()).map(view) };
  }

  async get(id: string) {
    return view(await this.readable(id));
  }

  async update(id: string, dto: UpdateSubscriptionDto) {
    return this.ds.transaction(async (em) => {
      const sub = await this.readable(id, em);
      this.access.assert('update', 'Subscription', sub);
      if (dto.fields !== undefined) sub.fields = dto.fields;
      if (dto.keywords !== undefined) sub.keywords = cleanKeywords(dto.keywords);
      if (dto.kinds !== undefined) sub.kinds = dto.kinds;
      if (dto.frequency !== undefined) sub.frequency = dto.frequency;
      if (dto.active !== undefined) {
        // Resuming starts from now: a paused subscription does not get what it missed in one mail.
        if (dto.active && !sub.active) sub.coveredUntil = new Date();
        sub.active = dto.active;
        sub.unsubscribedAt = dto.active ? null : sub.unsubscribedAt;
      }
      checkWhat(sub);
      return view(await em.getRepository(Subscription).save(sub));
    });
  }

  async remove(id: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      const sub = await this.readable(id, em);
      this.access.assert('delete', 'Subscription', sub);
      await em.getRepository(Subscription).remove(sub);
    });
  }

  /** The one-click link of a digest mail (no login): the signature proves the link came from us. */
  async unsubscribe(id: string, signature: string): Promise<{ id: string; unsubscribedAt: Date }> {
    const ok = /^[0-9a-f-]{36}$/i.test(id) && verifyUnsubscribe(this.secret(), id, signature);
    const sub = ok ? await this.ds.getRepository(Subscription).findOne({ where: { id } }) : null;
    if (!sub) throw new ProblemException('UNSUBSCRIBE_LINK_INVALID');
    if (sub.active || !sub.unsubscribedAt) {
      Object.assign(sub, { active: false, unsubscribedAt: new Date() });
      await this.ds.getRepository(Subscription).save(sub);
    }
    return { id: sub.id, unsubscribedAt: sub.unsubscribedAt! };
  }

  /** The province admin runs the digests of a frequency now (e.g. a day the schedule missed). */
  async requestRun(dto: RunDigestsDto): Promise<{ jobId: string; period: string }> {
    this.access.assert('create', 'SubscriptionDigest', {});
    const today = chinaDate();
    if (dto.date !== undefined && !isDigestDate(dto.date, today)) throw ProblemException.invalidField('date', 'digestDate');
    const date = dto.date ?? today;
    const job = await this.queue.add(
      'digests',
      { frequency: dto.frequency, date },
      { removeOnComplete: 100, removeOnFail: 100, attempts: 3 },
    );
    return { jobId: String(job.id), period: digestPeriod(dto.frequency, date) };
  }

  /** The schedules and the state of a requested run. */
  async runs(jobId?: string) {
    this.access.assert('create', 'SubscriptionDigest', {});
    const schedulers = await this.queue.getJobSchedulers();
    const job = jobId ? await this.queue.getJob(jobId) : undefined;
    return {
      schedule: schedulers.map((s) => ({ id: s.key, pattern: s.pattern, tz: s.tz, next: s.next ? new Date(s.next).toISOString() : null })),
      ...(jobId ? { job: job ? { id: String(job.id), state: await job.getState(), result: job.returnvalue ?? null } : null } : {}),
    };
  }

  // ------------------------------------------------------------------ the worker's side

  /** Every active subscription of `frequency`: its digest for the period of `date`. */
  async runDigests(job: DigestJob): Promise<{ period: string; subscriptions: number; sent: number }> {
    const date = job.date ?? chinaDate();
    const period = digestPeriod(job.frequency, date);
    const subs = await this.ds
      .getRepository(Subscription)
      .find({ where: { frequency: job.frequency, active: true }, order: { id: 'ASC' } });
    let sent = 0;
    for (const sub of subs) if (await this.digest(sub, period)) sent++;
    this.logger.log(`digests ${job.frequency} ${period}: ${subs.length} subscriptions, ${sent} mailed`);
    return { period, subscriptions: subs.length, sent };
  }

  /**
   * One subscription's digest for `period`: the entries published since the last one, claimed
   * (the digest row, unique per subscription and period, and the subscription's `coveredUntil`
   * moved on only from where this run started) before the mail is queued. A retried or repeated
   * run finds the claim and sends nothing; nothing matching, nothing is sent.
   */
  async digest(sub: Subscription, period: string, until = new Date()): Promise<boolean> {
    const from = sub.coveredUntil;
    const sections: DigestSection[] = [];
    for (const kind of sub.kinds as CorpusKind[]) {
      const found = await this.corpus.publishedBetween(kind, {
        after: from,
        until,
        fields: sub.fields,
        keywords: sub.keywords,
        limit: DIGEST_ENTRIES_PER_KIND,
      });
      sections.push({
        kind,
        total: found.total,
        items: found.items.map((e) => ({ ...e, fieldLabels: e.fields.map(fieldLabel) })),
      });
    }
    const total = sections.reduce((s, x) => s + x.total, 0);
    const to = total ? await this.users.recipients({ organizationId: NO_ORGANIZATION, userIds: [sub.userId] }) : [];
    const claimed = await this.ds
      .transaction(async (em) => {
        const moved = await em.query(`UPDATE subscription SET covered_until = $3 WHERE id = $1 AND covered_until = $2 AND active`, [
          sub.id,
          from,
          until,
        ]);
        if (!moved[1]) return false;
        const inserted: unknown[] = await em.query(
          `INSERT INTO subscription_digest (tenant_id, subscription_id, period, covered_from, covered_until, entry_count, entries, mailed_to)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (subscription_id, period) DO NOTHING RETURNING id`,
          [
            sub.tenantId,
            sub.id,
            period,
            from,
            until,
            total,
            JSON.stringify(sections.flatMap((s) => s.items.map((e) => ({ kind: e.kind, id: e.id, title: e.title })))),
            to,
          ],
        );
        // This period's digest exists already: undo the move, send nothing.
        if (!inserted.length) throw new AlreadySent();
        return true;
      })
      .catch((e: unknown) => {
        if (e instanceof AlreadySent) return false;
        throw e;
      });
    if (!claimed || !total || !to.length) return false;
    const unsubscribeUrl = `${publicUrl()}/matching/subscriptions/unsubscribe?s=${sub.id}&sig=${unsubscribeSignature(this.secret(), sub.id)}`;
    for (const address of to)
      await this.mail.enqueue(
        digestMail({
          to: address,
          frequency: sub.frequency as Frequency,
          period,
          fieldLabels: sub.fields.map(fieldLabel),
          keywords: sub.keywords,
          sections,
          unsubscribeUrl,
        }),
      );
    return true;
  }

  /** The unsubscribe links' key, derived from the JWT secret (one secret to keep, a separate key per use). */
  private secret(): string {
    return unsubscribeSignature(this.config.get('JWT_SECRET'), 'subscription-links');
  }

  private async readable(id: string, em = this.ds.manager): Promise<Subscription> {
    const qb = em.getRepository(Subscription).createQueryBuilder('s').where('s.id = :id', { id });
    if (em !== this.ds.manager) qb.setLock('pessimistic_write');
    const sub = await this.access.scope(qb, 'read', 'Subscription').getOne();
    if (!sub) throw ProblemException.notFound('Subscription');
    return sub;
  }
}

class AlreadySent extends Error {}

/** Where mail links point: PUBLIC_URL, else the local server. */
const publicUrl = () => (process.env.PUBLIC_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');

const cleanKeywords = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];

/** A subscription must say what it is about. */
function checkWhat(sub: Subscription): void {
  if (!sub.fields.length && !sub.keywords.length) throw ProblemException.invalidField('fields', 'fieldsOrKeywords');
}

function view(s: Subscription) {
  return {
    id: s.id,
    fields: s.fields,
    keywords: s.keywords,
    kinds: s.kinds,
    frequency: s.frequency,
    active: s.active,
    coveredUntil: s.coveredUntil,
    unsubscribedAt: s.unsubscribedAt,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

export { DIGEST_SCHEDULES };
