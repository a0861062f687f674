import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessService, newestFirst, type PolicyEventJob, ProblemException } from '@techmarket/core';
import type { DataSource } from 'typeorm';
import type { ListDecisionsQuery } from './dto/policy.dto.js';
import { PolicyDecision } from './entities/index.js';
import { InstallationsService } from './installations.service.js';
import { applyExclusiveGroups } from './exclusive-groups.js';
import { PolicyEngine, storeDecision } from './policy-engine.service.js';
import { PluginRegistry } from './plugin-registry.js';

/** Reading decisions, re-evaluating one side by side, and simulating proposed parameters. */
@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(PolicyEngine) private readonly engine: PolicyEngine,
    @Inject(InstallationsService) private readonly installations: InstallationsService,
    @Inject(PluginRegistry) private readonly registry: PluginRegistry,
  ) {}

  async list(q: ListDecisionsQuery) {
    const qb = this.ds.getRepository(PolicyDecision).createQueryBuilder('d').where('d.current');
    this.access.scope(qb, 'read', 'PolicyDecision');
    if (q.subjectId)
      qb.andWhere(`(d.event_key = :key OR d.event_payload->>'contractId' = :key OR d.event_payload->>'entryId' = :key)`, {
        key: q.subjectId,
      });
    if (q.installationId) qb.andWhere('d.installation_id = :inst', { inst: q.installationId });
    const page = await newestFirst(qb, q);
    return { ...page, items: page.items.map((d) => this.view(d)) };
  }

  async get(id: string) {
    return this.view(await this.findReadable(id));
  }

  async findReadable(id: string): Promise<PolicyDecision> {
    const qb = this.ds.getRepository(PolicyDecision).createQueryBuilder('d').where('d.id = :id', { id });
    const d = await this.access.scope(qb, 'read', 'PolicyDecision').getOne();
    if (!d) throw ProblemException.notFound('PolicyDecision');
    return d;
  }

  /**
   * 重新判定: evaluates the decision's event again with the parameters in force today for the
   * event's date, and shows both. Only `apply` stores the new one (as current; the old stays).
   */
  async reevaluate(id: string, apply: boolean) {
    const before = await this.findReadable(id);
    this.access.assert('update', 'PluginInstallation', { tenantId: before.tenantId });
    const built = await this.engine.build(before.eventPayload as PolicyEventJob);
    if (!built) throw new ProblemException('CONFLICT', { detail: '该事件的对象已不存在或不再有效，无法重新判定' });
    const mine = built.installations.filter((i) => i.id === before.installationId);
    const all = await this.engine.evaluate(built, built.installations);
    applyExclusiveGroups(all);
    const after = all.find((e) => e.installation.id === before.installationId && e.decision.subjectOrgId === before.subjectOrgId);
    if (!mine.length || !after || !after.parameters)
      throw new ProblemException('CONFLICT', { detail: '插件已卸载或该对象不再适用，无法重新判定' });
    let stored: PolicyDecision | null = null;
    if (apply) stored = await this.ds.transaction((em) => storeDecision(em, after, built, before.eventPayload));
    return {
      before: this.view(before),
      after: stored
        ? this.view(stored)
        : {
            eligible: after.decision.eligible,
            amountFen: after.decision.amountFen,
            reasons: after.decision.reasons,
            figures: after.decision.figures,
            parametersVersion: after.parameters.version,
          },
      changed: before.eligible !== after.decision.eligible || before.amountFen !== after.decision.amountFen,
      applied: apply,
    };
  }

  /**
   * 模拟: runs the plugin with proposed parameters over a year's registered contracts that
   * concern the installing tenant, next to what the parameters in force decide.
   */
  async simulate(installationId: string, proposed: Record<string, unknown>, year?: number) {
    const inst = await this.installations.get(installationId);
    this.access.assert('update', 'PluginInstallation', { tenantId: inst.tenantId });
    const plugin = this.registry.get(inst.pluginId);
    if (!plugin) throw ProblemException.notFound('PluginInstallation');
    const values = this.installations.checkParams(plugin, proposed);
    const y = year ?? new Date().getFullYear() - 1;
    const contracts: { id: string }[] = await this.ds.query(
      `SELECT c.id FROM tech_contract c
         JOIN organization s ON s.id = c.seller_org_id JOIN tenant st ON st.id = s.tenant_id
         JOIN organization b ON b.id = c.buyer_org_id JOIN tenant bt ON bt.id = b.tenant_id
        WHERE c.status = 'registered' AND extract(year FROM c.registered_at AT TIME ZONE 'Asia/Shanghai') = $1
          AND (st.path <@ (SELECT path FROM tenant WHERE id = $2) OR bt.path <@ (SELECT path FROM tenant WHERE id = $2))`,
      [y, inst.tenantId],
    );
    const totals = { current: { eligible: 0, totalFen: 0 }, proposed: { eligible: 0, totalFen: 0 } };
    const firms = new Map<string, { orgId: string; currentFen: number; proposedFen: number }>();
    for (const { id } of contracts) {
      const built = await this.engine.build({ type: 'contract.registered', contractId: id });
      if (!built) continue;
      const rows = built.installations.filter((i) => i.id === installationId);
      const [now, next] = await Promise.all([
        this.engine.evaluate(built, rows),
        this.engine.evaluate(built, rows, { installationId, values }),
      ]);
      for (const [label, list] of [
        ['current', now],
        ['proposed', next],
      ] as const) {
        for (const e of list) {
          if (!e.decision.eligible) continue;
          totals[label].eligible++;
          totals[label].totalFen += e.decision.amountFen;
          const key = e.decision.subjectOrgId ?? '-';
          const firm = firms.get(key) ?? { orgId: key, currentFen: 0, proposedFen: 0 };
          firm[label === 'current' ? 'currentFen' : 'proposedFen'] += e.decision.amountFen;
          firms.set(key, firm);
        }
      }
    }
    const names: { id: string; name: string }[] = firms.size
      ? await this.ds.query(`SELECT id, name FROM organization WHERE id = ANY($1)`, [[...firms.keys()].filter((k) => k !== '-')])
      : [];
    return {
      pluginId: plugin.id,
      year: y,
      contracts: contracts.length,
      proposedParams: values,
      ...totals,
      differenceFen: totals.proposed.totalFen - totals.current.totalFen,
      firms: [...firms.values()]
        .map((f) => ({ ...f, name: names.find((n) => n.id === f.orgId)?.name ?? null }))
        .sort((a, b) => b.proposedFen - a.proposedFen || b.currentFen - a.currentFen),
    };
  }

  /** Agricultural (or other routed) entries listed on a tenant's own page. */
  async listings(tenantCode: string) {
    return this.ds.query(
      `SELECT d.id AS "decisionId", d.event_key AS "entryId", d.event_payload->>'kind' AS kind, d.effects->'tags' AS tags,
              COALESCE(a.title, p.title) AS title, d.created_at AS "routedAt", d.plugin_id AS "pluginId"
         FROM policy_decision d JOIN tenant t ON t.id = d.tenant_id
         LEFT JOIN achievement a ON a.id::text = d.event_key AND a.status = 'published'
         LEFT JOIN patent p ON p.id::text = d.event_key AND p.status = 'published'
        WHERE t.code = $1 AND d.current AND d.eligible AND (d.effects->>'listOnTenantPage')::boolean
          AND COALESCE(a.id, p.id) IS NOT NULL
        ORDER BY d.created_at DESC LIMIT 500`,
      [tenantCode],
    );
  }

  view(d: PolicyDecision) {
    const plugin = this.registry.get(d.pluginId);
    return { ...d, pluginName: plugin?.name ?? null };
  }
}
