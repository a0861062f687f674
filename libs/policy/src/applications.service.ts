import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { yuan } from '@techmarket/plugin-api';
import { AccessService, MailQueue, newestFirst, OrganizationsService, PageQuery, ProblemException, UsersService } from '@techmarket/core';
import type { DataSource, EntityManager } from 'typeorm';
import { APPLICATION_STATUS_LABELS, PolicyDecision, SubsidyApplication } from './entities/index.js';
import { spendBudget } from './budget.js';
import { PluginRegistry } from './plugin-registry.js';
import { PolicyStore } from './policy.store.js';

const FACT_LABELS = {
  implemented: { zh: '已实施转化', en: 'implementation' },
  netIncome: { zh: '净收入', en: 'net income' },
  inventorReward: { zh: '成果完成人奖励', en: 'inventor rewards' },
  paidInCashCapital: { zh: '实缴货币出资', en: 'paid-in cash capital' },
} as const;

/**
 * 补贴申请: filed on an eligible decision; approved only while the installing tenant's
 * annual budget has room — the guard is one conditional UPDATE on the budget row, so parallel
 * approvals can never spend more than the budget. The applicant is mailed at every change.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(MailQueue) private readonly mail: MailQueue,
    @Inject(PluginRegistry) private readonly registry: PluginRegistry,
    @Inject(OrganizationsService) private readonly organizations: OrganizationsService,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(PolicyStore) private readonly store: PolicyStore,
  ) {}

  /** Applications the caller may read, newest first, each with the applicant's name (申请单位). */
  async list(q: PageQuery) {
    const qb = this.ds.getRepository(SubsidyApplication).createQueryBuilder('a');
    this.access.scope(qb, 'read', 'SubsidyApplication');
    const page = await newestFirst(qb, q);
    const orgs = await this.organizations.facts(page.items.map((a) => a.applicantOrgId));
    return { ...page, items: page.items.map((a) => ({ ...a, applicantName: orgs.get(a.applicantOrgId)?.name ?? null })) };
  }

  async get(id: string) {
    return this.findReadable(id);
  }

  async file(decisionId: string) {
    const p = this.access.principal();
    const qb = this.ds.getRepository(PolicyDecision).createQueryBuilder('d').where('d.id = :id', { id: decisionId });
    const d = await this.access.scope(qb, 'read', 'PolicyDecision').getOne();
    if (!d) throw ProblemException.invalidField('decisionId', 'unknownReference');
    if (!d.current || !d.eligible || d.amountFen <= 0 || !d.subjectOrgId) {
      throw new ProblemException('DECISION_NOT_FILEABLE');
    }
    const record = { applicantOrgId: d.subjectOrgId, applicantTenantId: d.subjectTenantId };
    this.access.assert('create', 'SubsidyApplication', record);
    const id = await this.ds.transaction(async (em) => {
      // One application per plugin, event and subject (a re-made decision does not pay twice).
      const [dup] = await em.query(
        `SELECT a.id FROM subsidy_application a JOIN policy_decision d ON d.id = a.decision_id
          WHERE d.installation_id = $1 AND d.event_key = $2 AND d.subject_org_id = $3 AND a.status NOT IN ('rejected', 'withdrawn')
          FOR UPDATE OF a`,
        [d.installationId, d.eventKey, d.subjectOrgId],
      );
      if (dup) throw new ProblemException('APPLICATION_DUPLICATE');
      await this.assertGroupFree(em, d);
      const saved = await em.save(
        em.create(SubsidyApplication, {
          decisionId: d.id,
          tenantId: d.tenantId,
          applicantOrgId: d.subjectOrgId!,
          applicantTenantId: d.subjectTenantId!,
          filedBy: p.userId,
          status: 'submitted',
          amountFen: d.amountFen,
          budgetYear: Number(d.eventDate.slice(0, 4)),
        }),
      );
      return saved.id;
    });
    await this.notify(id);
    return this.get(id);
  }

  async approve(id: string) {
    await this.review(
      id,
      async (em, a) => {
        // The decision must still be the current, eligible one: a changed decision is re-applied for.
        const d = await em.findOneByOrFail(PolicyDecision, { id: a.decisionId });
        if (!d.current || !d.eligible || d.amountFen !== a.amountFen) throw new ProblemException('DECISION_CHANGED');
        await this.assertFactsConfirmed(d);
        await this.assertGroupFree(em, d, a.id);
        await spendBudget(em, a.tenantId, a.budgetYear, a.amountFen, a.decisionId);
        a.status = 'approved';
      },
      ['submitted'],
    );
    return this.get(id);
  }

  /** The contract facts the plugin's money rests on (`reliesOn`) must be confirmed by the registrar. */
  private async assertFactsConfirmed(d: PolicyDecision) {
    const needed = this.registry.get(d.pluginId)?.reliesOn ?? [];
    if (!needed.length) return;
    const facts = (await this.store.latestContractFacts(d.eventKey)) ?? {};
    const missing = needed.filter((f) => facts[`${f}Confirmed`] !== true);
    if (missing.length)
      throw new ProblemException('FACTS_UNCONFIRMED', {
        facts: { zh: missing.map((f) => FACT_LABELS[f].zh).join('、'), en: missing.map((f) => FACT_LABELS[f].en).join(', ') },
      });
  }

  /**
   * 互斥组 on filing and approval: no other policy of the same exclusive group may have an open
   * or granted application for the same matter (a standing one must first be recovered).
   */
  private async assertGroupFree(em: EntityManager, d: PolicyDecision, exceptApplicationId?: string) {
    if (!d.exclusiveGroup) return;
    const [other] = await em.query(
      `SELECT a.id, d.plugin_id FROM subsidy_application a JOIN policy_decision d ON d.id = a.decision_id
        WHERE d.event_key = $1 AND d.exclusive_group = $2 AND d.installation_id <> $3
          AND a.status IN ('submitted', 'approved', 'disbursed') AND a.id IS DISTINCT FROM $4
          AND NOT EXISTS (SELECT 1 FROM subsidy_adjustment j WHERE j.application_id = a.id AND j.kind = 'recovery' AND j.status = 'recovered'
                           AND j.amount_fen >= a.amount_fen)`,
      [d.eventKey, d.exclusiveGroup, d.installationId, exceptApplicationId ?? null],
    );
    if (other) throw new ProblemException('EXCLUSIVE_GROUP_TAKEN', { plugin: this.registry.get(other.plugin_id)?.name ?? other.plugin_id });
  }

  async reject(id: string, reason: string) {
    await this.review(
      id,
      async (_em, a) => {
        a.status = 'rejected';
        a.reviewReason = reason;
      },
      ['submitted'],
    );
    return this.get(id);
  }

  async disburse(id: string, reference: string) {
    await this.review(
      id,
      async (_em, a) => {
        a.status = 'disbursed';
        a.disbursementRef = reference;
        a.disbursedAt = new Date();
      },
      ['approved'],
    );
    return this.get(id);
  }

  private async review(
    id: string,
    change: (em: EntityManager, a: SubsidyApplication) => Promise<void>,
    from: SubsidyApplication['status'][],
  ) {
    await this.ds.transaction(async (em) => {
      const qb = em.getRepository(SubsidyApplication).createQueryBuilder('a').setLock('pessimistic_write').where('a.id = :id', { id });
      const a = await this.access.scope(qb, 'read', 'SubsidyApplication').getOne();
      if (!a) throw ProblemException.notFound('SubsidyApplication');
      this.access.assert('review', 'SubsidyApplication', a);
      if (!from.includes(a.status))
        throw new ProblemException('INVALID_TRANSITION', {
          from: { zh: APPLICATION_STATUS_LABELS[a.status], en: a.status },
          action: { zh: '审核', en: 'review' },
        });
      await change(em, a);
      a.reviewedBy = this.access.principal().userId;
      await em.save(a);
    });
    await this.notify(id);
  }

  /** Mails the filer and the applicant organisation's members about the application's status. */
  private async notify(id: string) {
    const a = await this.ds.getRepository(SubsidyApplication).findOneByOrFail({ id });
    const [decision, orgs, emails] = await Promise.all([
      this.ds.getRepository(PolicyDecision).findOneByOrFail({ id: a.decisionId }),
      this.organizations.facts([a.applicantOrgId]),
      this.users.recipients({ organizationId: a.applicantOrgId, userIds: a.filedBy ? [a.filedBy] : [] }),
    ]);
    const plugin = this.registry.get(decision.pluginId)?.name.zh ?? decision.pluginId;
    const status = APPLICATION_STATUS_LABELS[a.status];
    const lines = [
      `${orgs.get(a.applicantOrgId)?.name ?? ''}：`,
      `您的“${plugin}”补贴申请（金额 ${yuan(a.amountFen)}）状态已更新为：${status}。`,
      ...(a.reviewReason ? [`原因：${a.reviewReason}`] : []),
      ...(a.disbursementRef ? [`拨付凭证号：${a.disbursementRef}`] : []),
      `申请编号：${id}`,
    ];
    for (const to of emails) await this.mail.enqueue({ to, subject: `补贴申请${status}：${plugin}`, text: lines.join('\n') });
  }

  private async findReadable(id: string) {
    const qb = this.ds.getRepository(SubsidyApplication).createQueryBuilder('a').where('a.id = :id', { id });
    const a = await this.access.scope(qb, 'read', 'SubsidyApplication').getOne();
    if (!a) throw ProblemException.notFound('SubsidyApplication');
    return a;
  }
}
