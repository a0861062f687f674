import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CatalogService } from '@techmarket/catalog';
import { AccessService, chinaYear, newestFirst, ProblemException } from '@techmarket/core';
import { type DataSource, In } from 'typeorm';
import { AdjustmentsService } from './adjustments.service.js';
import { decide } from './engine/decide.js';
import { toEngineEvent } from './engine/engine-event.js';
import type { ListDecisionsQuery } from './dto/policy.dto.js';
import { PluginParameters, PolicyDecision } from './entities/index.js';
import { InstallationsService } from './installations.service.js';
import { PluginRegistry } from './plugin-registry.js';
import { PolicyStore } from './policy.store.js';

interface ContractMatterFacts {
  id: string;
  rootId?: string;
  registrationNumber: string;
  contractTypeLabel: string;
  amountFen: number;
  seller?: { name: string };
  buyer?: { name: string };
  patents?: { applicationNumber: string }[];
}

/** 事项: what a decision is about, for the people reading it. */
export type DecisionMatter =
  | {
      kind: 'contract';
      id: string;
      registrationNumber: string;
      contractTypeLabel: string;
      amountFen: number;
      sellerName: string | null;
      buyerName: string | null;
      patentNumbers: string[];
    }
  | { kind: string; id?: string; title?: string; ownerName?: string | null };

/** Reading decisions, re-evaluating one side by side, and simulating proposed parameters — all on stored facts. */
@Injectable()
export class DecisionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(PolicyStore) private readonly store: PolicyStore,
    @Inject(InstallationsService) private readonly installations: InstallationsService,
    @Inject(PluginRegistry) private readonly registry: PluginRegistry,
    @Inject(CatalogService) private readonly catalog: CatalogService,
    @Inject(AdjustmentsService) private readonly adjustments: AdjustmentsService,
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
    return { ...page, items: await this.views(page.items) };
  }

  async get(id: string) {
    return (await this.views([await this.findReadable(id)]))[0];
  }

  async findReadable(id: string): Promise<PolicyDecision> {
    const qb = this.ds.getRepository(PolicyDecision).createQueryBuilder('d').where('d.id = :id', { id });
    const d = await this.access.scope(qb, 'read', 'PolicyDecision').getOne();
    if (!d) throw ProblemException.notFound('PolicyDecision');
    return d;
  }

  /**
   * 重新判定: decides the decision's stored event again — the facts of its day — with the
   * parameters in force today for the event's date, and shows both. Only `apply` stores the
   * new one (as current; the old stays).
   */
  async reevaluate(id: string, apply: boolean) {
    const before = await this.findReadable(id);
    this.access.assert('update', 'PluginInstallation', { tenantId: before.tenantId });
    const stored = before.eventId ? await this.store.event(before.eventId) : null;
    if (!stored) throw new ProblemException('EVENT_GONE');
    const e = toEngineEvent(stored);
    const installations = await this.store.installations(e.scope.kind === 'tenant' ? { tenantId: e.scope.tenantId } : {});
    const priors = await this.store.priors(
      e,
      installations.map((i) => i.id),
    );
    const all = decide(e, installations, (pluginId) => this.registry.get(pluginId), undefined, priors);
    const after = all.find((x) => x.installation.id === before.installationId && x.decision.subjectOrgId === before.subjectOrgId);
    if (!after || !after.parameters) throw new ProblemException('DECISION_NOT_REEVALUABLE');
    const saved = apply
      ? await this.ds.transaction(async (em) => {
          const { stored, replaced } = await this.store.saveDecisions(em, e, [after]);
          await this.adjustments.onDecisionsReplaced(em, replaced, stored);
          return stored[0];
        })
      : null;
    return {
      before: (await this.views([before]))[0],
      after: saved
        ? (await this.views([saved]))[0]
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
   * 模拟: replays a year's registered contracts that concern the installing tenant's subtree
   * (their stored facts) through the plugin with proposed parameters, next to what the
   * parameters in force decide.
   */
  async simulate(installationId: string, proposed: Record<string, unknown>, year?: number) {
    const inst = await this.installations.get(installationId);
    this.access.assert('update', 'PluginInstallation', { tenantId: inst.tenantId });
    const plugin = this.registry.get(inst.pluginId);
    if (!plugin) throw ProblemException.notFound('PluginInstallation');
    const values = this.installations.checkParams(plugin, proposed);
    const y = year ?? chinaYear() - 1;
    const [events, installations] = await Promise.all([
      this.store.registeredContractEvents(inst.tenantId, y),
      this.store.installations({ installationId }),
    ]);
    const pluginOf = (id: string) => this.registry.get(id);
    const totals = { current: { eligible: 0, totalFen: 0 }, proposed: { eligible: 0, totalFen: 0 } };
    const firms = new Map<string, { orgId: string; currentFen: number; proposedFen: number }>();
    const names = new Map<string, string>();
    for (const stored of events) {
      const e = toEngineEvent(stored);
      if (e.event.type === 'contract.registered')
        for (const o of [e.event.contract.seller, e.event.contract.buyer]) names.set(o.id, o.name);
      for (const [label, list] of [
        ['current', decide(e, installations, pluginOf)],
        ['proposed', decide(e, installations, pluginOf, { installationId, values })],
      ] as const) {
        for (const x of list) {
          if (!x.decision.eligible) continue;
          totals[label].eligible++;
          totals[label].totalFen += x.decision.amountFen;
          const key = x.decision.subjectOrgId ?? '-';
          const firm = firms.get(key) ?? { orgId: key, currentFen: 0, proposedFen: 0 };
          firm[label === 'current' ? 'currentFen' : 'proposedFen'] += x.decision.amountFen;
          firms.set(key, firm);
        }
      }
    }
    return {
      pluginId: plugin.id,
      year: y,
      contracts: events.length,
      proposedParams: values,
      ...totals,
      differenceFen: totals.proposed.totalFen - totals.current.totalFen,
      firms: [...firms.values()]
        .map((f) => ({ ...f, name: names.get(f.orgId) ?? null }))
        .sort((a, b) => b.proposedFen - a.proposedFen || b.currentFen - a.currentFen),
    };
  }

  /** Agricultural (or other routed) entries listed on a tenant's own page, while they stay published. */
  async listings(tenantCode: string) {
    const rows: {
      decisionId: string;
      entryId: string;
      kind: 'achievement' | 'patent';
      tags: string[];
      title: string;
      routedAt: Date;
      pluginId: string;
    }[] = await this.ds.query(
      `SELECT d.id AS "decisionId", d.event_key AS "entryId", d.event_payload->>'kind' AS kind, d.effects->'tags' AS tags,
                e.facts->'entry'->>'title' AS title, d.created_at AS "routedAt", d.plugin_id AS "pluginId"
           FROM policy_decision d JOIN tenant t ON t.id = d.tenant_id JOIN policy_event e ON e.id = d.event_id
          WHERE t.code = $1 AND d.current AND d.eligible AND (d.effects->>'listOnTenantPage')::boolean
          ORDER BY d.created_at DESC LIMIT 500`,
      [tenantCode],
    );
    const published = await this.catalog.stillPublished(rows.map((r) => ({ kind: r.kind, id: r.entryId })));
    return rows.filter((r) => published.has(r.entryId));
  }

  /**
   * Decisions as shown: with the plugin's name, the parameter version they used — its period and
   * the document it cites — and the matter (事项) from the stored event's facts, so an applicant
   * sees which contract and which patents a subsidy is about without reading another module.
   */
  async views(decisions: PolicyDecision[]) {
    const ids = [...new Set(decisions.map((d) => d.parametersId))];
    const eventIds = [...new Set(decisions.map((d) => d.eventId).filter((id): id is string => !!id))];
    const [versions, matters] = await Promise.all([
      ids.length ? this.ds.getRepository(PluginParameters).findBy({ id: In(ids) }) : [],
      this.matters(eventIds),
    ]);
    return decisions.map((d) => {
      const p = versions.find((v) => v.id === d.parametersId);
      return {
        ...d,
        pluginName: this.registry.get(d.pluginId)?.name ?? null,
        parameters: p ? { version: p.version, validFrom: p.validFrom, validTo: p.validTo, source: p.source } : null,
        matter: (d.eventId && matters.get(d.eventId)) || null,
      };
    });
  }

  /** 事项: the contract (登记编号, parties, amount, patents) or catalog entry an event was about, as its facts froze it. */
  private async matters(eventIds: string[]): Promise<Map<string, DecisionMatter>> {
    if (!eventIds.length) return new Map();
    const rows: {
      id: string;
      contract: ContractMatterFacts | null;
      entry: { kind: string; id: string; title: string; owner?: { name: string } } | null;
    }[] = await this.ds.query(`SELECT id, facts->'contract' AS contract, facts->'entry' AS entry FROM policy_event WHERE id = ANY($1)`, [
      eventIds,
    ]);
    return new Map(
      rows.map((r): [string, DecisionMatter] => [
        r.id,
        r.contract
          ? {
              kind: 'contract',
              id: r.contract.rootId ?? r.contract.id,
              registrationNumber: r.contract.registrationNumber,
              contractTypeLabel: r.contract.contractTypeLabel,
              amountFen: r.contract.amountFen,
              sellerName: r.contract.seller?.name ?? null,
              buyerName: r.contract.buyer?.name ?? null,
              patentNumbers: (r.contract.patents ?? []).map((x) => x.applicationNumber),
            }
          : r.entry
            ? { kind: r.entry.kind, id: r.entry.id, title: r.entry.title, ownerName: r.entry.owner?.name ?? null }
            : { kind: 'other' },
      ]),
    );
  }
}
