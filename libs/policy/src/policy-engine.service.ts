import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CatalogService } from '@techmarket/catalog';
import { ContractsService } from '@techmarket/contracts';
import { MailQueue, type PolicyEventJob } from '@techmarket/core';
import type { EvaluationContext, PolicyEvent } from '@techmarket/plugin-api';
import type { DataSource, EntityManager } from 'typeorm';
import { PolicyDecision } from './entities/index.js';
import { contractFacts, localDate, orgFacts } from './facts.js';
import { InstallationsService } from './installations.service.js';
import type { BuiltEvent, Evaluated, InstallationRow } from './evaluation.js';
import { applyExclusiveGroups } from './exclusive-groups.js';
import { PluginRegistry } from './plugin-registry.js';

export type { BuiltEvent, Evaluated };

const INSTALLATIONS = `SELECT i.id, i.plugin_id, i.tenant_id, t.code AS tenant_code, t.tier, t.path::text AS path
  FROM plugin_installation i JOIN tenant t ON t.id = i.tenant_id WHERE i.status = 'active'`;

/**
 * 政策引擎. For each domain event it builds the facts once, finds the plugins installed along
 * the tenant path of the parties (county → city → province) — or everywhere, for catalog
 * routing — evaluates each with the parameters in force on the event's date, applies the
 * exclusive groups, and stores one decision per plugin and subject. It never names a plugin.
 */
@Injectable()
export class PolicyEngine {
  private readonly logger = new Logger(PolicyEngine.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(PluginRegistry) private readonly registry: PluginRegistry,
    @Inject(ContractsService) private readonly contracts: ContractsService,
    @Inject(CatalogService) private readonly catalog: CatalogService,
    @Inject(MailQueue) private readonly mail: MailQueue,
  ) {}

  async handle(job: PolicyEventJob): Promise<number> {
    const built = await this.build(job);
    if (!built) return 0;
    const evaluated = await this.evaluate(built, built.installations);
    applyExclusiveGroups(evaluated);
    await this.ds.transaction((em) => this.store(em, job, built, evaluated));
    await this.carryOutEffects(evaluated);
    return evaluated.length;
  }

  /** The facts of an event; null when there is nothing to decide (e.g. a contract not registered). */
  async build(job: PolicyEventJob): Promise<BuiltEvent | null> {
    if (job.type === 'contract.registered' || job.type === 'payment.received') {
      const s = await this.contracts.snapshot(job.contractId);
      if (!s || s.contract.status !== 'registered') return null;
      let occurredOn = s.contract.registeredAt ? localDate(s.contract.registeredAt) : s.contract.signedOn;
      if (job.type === 'payment.received') {
        const [p] = await this.ds.query(`SELECT received_on::text AS d FROM contract_payment WHERE id = $1`, [job.paymentId]);
        if (p) occurredOn = p.d;
      }
      const event: PolicyEvent = { type: job.type, occurredOn, tenantCode: s.tenantCode, contract: contractFacts(s) };
      // Policies of every tier above either party: the seller's and the buyer's local markets.
      const installations: InstallationRow[] = await this.ds.query(
        `${INSTALLATIONS} AND t.path @> ANY(ARRAY(SELECT path FROM tenant WHERE code = ANY($1)))`,
        [[s.seller.tenant_code, s.buyer.tenant_code]],
      );
      return { event, key: s.rootId, installations };
    }
    if (job.type === 'catalog.published') {
      const e = await this.catalog.entryFacts(job.kind, job.entryId);
      if (!e || e.status !== 'published') return null;
      const [owner] = await this.ds.query(
        `SELECT o.id, o.tenant_id, o.name, o.type, o.is_sme, o.is_specialized, o.is_high_tech, t.code AS tenant_code
           FROM organization o JOIN tenant t ON t.id = o.tenant_id WHERE o.id = $1`,
        [e.org_id],
      );
      const event: PolicyEvent = {
        type: 'catalog.published',
        occurredOn: localDate(e.published_at ?? new Date()),
        tenantCode: owner.tenant_code,
        entry: { kind: job.kind, id: e.id, title: e.title, field: e.field, ipcClasses: e.ipcClasses, owner: orgFacts(owner) },
      };
      // The shared catalog is province-wide: routing policies anywhere may pick the entry up.
      return { event, key: e.id, installations: await this.ds.query(INSTALLATIONS) };
    }
    const [tenant] = await this.ds.query(`SELECT code, path::text AS path FROM tenant WHERE id = $1`, [job.tenantId]);
    const institutions = await this.ds.query(
      `SELECT o.id, o.tenant_id, o.name, o.type, o.is_sme, o.is_specialized, o.is_high_tech, t.code AS tenant_code,
              (SELECT count(DISTINCT cp.patent_id)::int FROM tech_contract c JOIN tech_contract_patent cp ON cp.contract_id = c.id
                WHERE c.seller_org_id = o.id AND c.status = 'registered' AND c.contract_type IN ('transfer', 'licence')
                  AND extract(year FROM c.registered_at AT TIME ZONE 'Asia/Shanghai') = $2) AS patents,
              (SELECT COALESCE(sum(p.amount_fen), 0)::bigint FROM contract_payment p JOIN tech_contract c ON c.id = p.contract_id
                WHERE c.seller_org_id = o.id AND extract(year FROM p.received_on) = $2) AS received
         FROM organization o JOIN tenant t ON t.id = o.tenant_id
        WHERE o.type = 'university_institute' AND t.path <@ $1::ltree`,
      [tenant.path, job.year],
    );
    const event: PolicyEvent = {
      type: 'year.closed',
      occurredOn: `${job.year}-12-31`,
      tenantCode: tenant.code,
      institutions: institutions.map((r: { patents: number; received: string } & Parameters<typeof orgFacts>[0]) => ({
        institution: orgFacts(r),
        year: job.year,
        patentsTransferred: r.patents,
        receivedFen: Number(r.received),
      })),
    };
    const installations = await this.ds.query(`${INSTALLATIONS} AND i.tenant_id = $1`, [job.tenantId]);
    return { event, key: `${tenant.code}:${job.year}`, installations };
  }

  /** Runs each installed plugin that reacts to the event, with its parameters in force on the event's date. */
  async evaluate(
    built: BuiltEvent,
    installations: InstallationRow[],
    override?: { installationId: string; values: Record<string, unknown> },
  ): Promise<Evaluated[]> {
    const out: Evaluated[] = [];
    for (const inst of installations) {
      const plugin = this.registry.get(inst.plugin_id);
      if (!plugin || !plugin.events.includes(built.event.type)) continue;
      const parameters = await InstallationsService.paramsInForce(this.ds, inst.id, built.event.occurredOn);
      const context: EvaluationContext = { tenantCode: inst.tenant_code, tenantTier: inst.tier, tenantPath: inst.path.split('.') };
      if (!parameters) {
        out.push({
          installation: inst,
          plugin,
          parameters: null,
          decision: {
            subjectOrgId: null,
            eligible: false,
            amountFen: 0,
            reasons: [{ ok: false, text: `${built.event.occurredOn} 没有生效的参数版本` }],
            figures: {},
          },
        });
        continue;
      }
      const values = override?.installationId === inst.id ? override.values : parameters.values;
      for (const decision of plugin.evaluate(built.event, values as never, context))
        out.push({ installation: inst, plugin, parameters, decision });
    }
    return out;
  }

  private async store(em: EntityManager, job: PolicyEventJob, built: BuiltEvent, evaluated: Evaluated[]) {
    for (const e of evaluated) {
      if (!e.parameters) continue;
      await storeDecision(em, e, built, job);
    }
  }

  /** Effects after commit: mail goes through the queue; tags and listings live on the decision. */
  private async carryOutEffects(evaluated: Evaluated[]) {
    for (const e of evaluated) {
      const notify = e.decision.eligible ? e.decision.effects?.notifyTenantStaff : undefined;
      if (!notify) continue;
      const staff: { email: string }[] = await this.ds.query(
        `SELECT email FROM user_account WHERE tenant_id = $1 AND is_active AND email IS NOT NULL
            AND roles && ARRAY['center_staff', 'bureau_admin', 'platform_admin']::text[]`,
        [e.installation.tenant_id],
      );
      for (const s of staff)
        await this.mail.enqueue({ to: s.email, subject: `【${e.plugin.name.zh}】${notify.subject}`, text: notify.text });
      this.logger.log(`${e.plugin.id}@${e.installation.tenant_code}: notified ${staff.length} staff`);
    }
  }
}

/** Stores a decision as the current one for (installation, event key, subject); older ones stay, not current. */
export async function storeDecision(em: EntityManager, e: Evaluated, built: BuiltEvent, job: object): Promise<PolicyDecision> {
  const subjectTenant = e.decision.subjectOrgId
    ? ((await em.query(`SELECT tenant_id FROM organization WHERE id = $1`, [e.decision.subjectOrgId]))[0]?.tenant_id ?? null)
    : null;
  await em.query(
    `UPDATE policy_decision SET current = false WHERE installation_id = $1 AND event_key = $2 AND subject_org_id IS NOT DISTINCT FROM $3 AND current`,
    [e.installation.id, built.key, e.decision.subjectOrgId],
  );
  return em.save(
    em.create(PolicyDecision, {
      installationId: e.installation.id,
      tenantId: e.installation.tenant_id,
      pluginId: e.plugin.id,
      pluginVersion: e.plugin.version,
      parametersId: e.parameters!.id,
      parametersVersion: e.parameters!.version,
      eventType: built.event.type,
      eventKey: built.key,
      eventDate: built.event.occurredOn,
      eventPayload: job as Record<string, unknown>,
      subjectOrgId: e.decision.subjectOrgId,
      subjectTenantId: subjectTenant,
      eligible: e.decision.eligible,
      amountFen: e.decision.amountFen,
      reasons: e.decision.reasons,
      figures: e.decision.figures,
      effects: e.decision.effects ?? null,
      exclusiveGroup: e.plugin.exclusiveGroup ?? null,
      current: true,
    }),
  );
}
