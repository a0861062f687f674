import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessService, newestFirst, type PageQuery, ProblemException } from '@techmarket/core';
import { yuan } from '@techmarket/plugin-api';
import type { DataSource, EntityManager } from 'typeorm';
import { ADJUSTMENT_LABELS, type PolicyDecision, SubsidyAdjustment, SubsidyApplication } from './entities/index.js';
import { spendBudget } from './budget.js';

/**
 * 补贴调整: keeps approved subsidies true to their current decision. When decisions are
 * replaced (in the engine's transaction), an approved or paid application's difference becomes a
 * top-up or a recovery, and one still awaiting review is withdrawn so the firm files on the
 * current decision. Top-ups are claimed by the firm and approved against the budget; recoveries
 * are recorded when collected and give the money back to the budget.
 */
@Injectable()
export class AdjustmentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(AccessService) private readonly access: AccessService,
  ) {}

  /** Called with the decisions an event replaced and those it stored, in the same transaction. */
  async onDecisionsReplaced(em: EntityManager, replaced: PolicyDecision[], stored: PolicyDecision[]): Promise<void> {
    for (const old of replaced) {
      const next = stored.find((d) => d.installationId === old.installationId && d.subjectOrgId === old.subjectOrgId);
      if (!next || !old.subjectOrgId) continue;
      // Applications of this slot (installation, matter, subject), whatever decision they were filed on.
      const apps = await em
        .getRepository(SubsidyApplication)
        .createQueryBuilder('a')
        .innerJoin('policy_decision', 'd', 'd.id = a.decision_id')
        .where('d.installation_id = :inst AND d.event_key = :key AND d.subject_org_id = :org', {
          inst: old.installationId,
          key: old.eventKey,
          org: old.subjectOrgId,
        })
        .andWhere(`a.status IN ('submitted', 'approved', 'disbursed')`)
        .setLock('pessimistic_write')
        .getMany();
      for (const app of apps) {
        if (app.status === 'submitted') {
          await em.save(
            Object.assign(app, {
              status: 'withdrawn',
              reviewReason: `判定已更新（${yuan(old.amountFen)} → ${yuan(next.eligible ? next.amountFen : 0)}），请就当前判定重新申请`,
            }),
          );
          continue;
        }
        const entitled = next.eligible ? next.amountFen : 0;
        const granted = await this.granted(em, app);
        const diff = entitled - granted;
        if (diff === 0) continue;
        await em.save(
          em.create(SubsidyAdjustment, {
            tenantId: app.tenantId,
            applicationId: app.id,
            applicantOrgId: app.applicantOrgId,
            applicantTenantId: app.applicantTenantId,
            fromDecisionId: old.id,
            toDecisionId: next.id,
            kind: diff > 0 ? 'top_up' : 'recovery',
            amountFen: Math.abs(diff),
            status: 'open',
            budgetYear: app.budgetYear,
            reasons: [
              {
                ok: true,
                text: `判定由 ${yuan(granted)} 调整为 ${yuan(entitled)}：${diff > 0 ? `可申请补差 ${yuan(diff)}` : `应追回 ${yuan(-diff)}`}`,
              },
              ...next.reasons.filter((r) => !r.ok).slice(-2),
            ],
          }),
        );
      }
    }
  }

  /** What the application has been granted so far: its amount, plus top-ups, minus recoveries (settled or pending). */
  private async granted(em: EntityManager, app: SubsidyApplication): Promise<number> {
    const [row] = await em.query(
      `SELECT COALESCE(sum(CASE WHEN kind = 'top_up' THEN amount_fen ELSE -amount_fen END), 0)::bigint AS net
         FROM subsidy_adjustment WHERE application_id = $1`,
      [app.id],
    );
    return app.amountFen + Number(row.net);
  }

  async list(q: PageQuery) {
    const qb = this.ds.getRepository(SubsidyAdjustment).createQueryBuilder('a');
    this.access.scope(qb, 'read', 'SubsidyAdjustment');
    return newestFirst(qb, q);
  }

  /** The firm (or its county centre) claims a top-up. */
  async claim(id: string) {
    return this.step(id, 'create', 'top_up', 'open', async (_em, a) => Object.assign(a, { status: 'claimed' }));
  }

  /** The installing tenant approves a claimed top-up, within its budget (the same guard as applications). */
  async approve(id: string) {
    return this.step(id, 'review', 'top_up', 'claimed', async (em, a) => {
      await spendBudget(
        em,
        a.tenantId,
        a.budgetYear,
        a.amountFen,
        (await em.findOneByOrFail(SubsidyApplication, { id: a.applicationId })).decisionId,
      );
      return Object.assign(a, { status: 'approved', settledBy: this.access.principal().userId });
    });
  }

  /** The installing tenant records money recovered (追回); it returns to the budget. */
  async recovered(id: string, reference: string) {
    return this.step(id, 'review', 'recovery', 'open', async (em, a) => {
      const app = await em.findOneByOrFail(SubsidyApplication, { id: a.applicationId });
      await spendBudget(em, a.tenantId, a.budgetYear, -a.amountFen, app.decisionId);
      return Object.assign(a, { status: 'recovered', reference, settledBy: this.access.principal().userId });
    });
  }

  private async step(
    id: string,
    action: 'create' | 'review',
    kind: SubsidyAdjustment['kind'],
    from: SubsidyAdjustment['status'],
    change: (em: EntityManager, a: SubsidyAdjustment) => Promise<SubsidyAdjustment>,
  ) {
    return this.ds.transaction(async (em) => {
      const qb = em.getRepository(SubsidyAdjustment).createQueryBuilder('a').setLock('pessimistic_write').where('a.id = :id', { id });
      const a = await this.access.scope(qb, 'read', 'SubsidyAdjustment').getOne();
      if (!a) throw ProblemException.notFound('SubsidyAdjustment');
      this.access.assert(action, 'SubsidyAdjustment', a);
      if (a.kind !== kind || a.status !== from)
        throw new ProblemException('INVALID_TRANSITION', {
          from: { zh: `${ADJUSTMENT_LABELS[a.kind]}（${a.status}）`, en: `${a.kind} (${a.status})` },
          action: { zh: action === 'create' ? '申领' : '办理', en: action === 'create' ? 'claim' : 'settle' },
        });
      return em.save(await change(em, a));
    });
  }
}
