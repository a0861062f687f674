import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Decision, type Tier, yuan } from '@techmarket/plugin-api';
import type { DataSource, EntityManager } from 'typeorm';
import type { ContractLifecycleEvent, PolicyDomainEvent } from './engine/engine-event.js';
import type { EngineEvent, Evaluated, InstallationWithVersions, SubjectPriors } from './engine/types.js';
import { PolicyDecision, PolicyEventRecord } from './entities/index.js';
import { PluginRegistry } from './plugin-registry.js';

/**
 * The policy engine's repository: the only place its decisions, stored events and
 * installations are read and written in SQL. One query loads installations with all their
 * parameter versions; one statement supersedes and one batch saves an event's decisions.
 */
@Injectable()
export class PolicyStore {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(PluginRegistry) private readonly registry: PluginRegistry,
  ) {}

  /** Active installations with every parameter version; `tenantId` narrows to one tenant's. */
  async installations(filter: { tenantId?: string; installationId?: string } = {}, em: EntityManager = this.ds.manager) {
    const rows: (Omit<InstallationWithVersions, 'path'> & { path: string })[] = await em.query(
      `SELECT i.id, i.plugin_id AS "pluginId", i.tenant_id AS "tenantId", t.code AS "tenantCode", t.tier, t.path::text AS path,
              COALESCE((SELECT json_agg(json_build_object('id', p.id, 'version', p.version, 'values', p.values,
                                                          'validFrom', p.valid_from::text, 'validTo', p.valid_to::text,
                                                          'source', p.source) ORDER BY p.version)
                          FROM plugin_parameters p WHERE p.installation_id = i.id), '[]'::json) AS versions
         FROM plugin_installation i JOIN tenant t ON t.id = i.tenant_id
        WHERE i.status = 'active' AND ($1::uuid IS NULL OR i.tenant_id = $1) AND ($2::uuid IS NULL OR i.id = $2)`,
      [filter.tenantId ?? null, filter.installationId ?? null],
    );
    return rows.map((r) => ({ ...r, tier: r.tier as Tier, path: r.path.split('.') }));
  }

  /**
   * What each organisation the event names already got from each installation for other matters:
   * amounts per calendar year of the governing date, and the number of paying decisions.
   */
  async priors(e: EngineEvent, installationIds: string[], em: EntityManager = this.ds.manager): Promise<SubjectPriors> {
    const orgIds = Object.keys(e.orgs);
    const rows: { installation_id: string; subject_org_id: string; year: number; total: string; n: number }[] =
      orgIds.length && installationIds.length
        ? await em.query(
            `SELECT installation_id, subject_org_id, extract(year FROM COALESCE(governing_date, event_date))::int AS year,
                    sum(amount_fen)::bigint AS total, count(*)::int AS n
               FROM policy_decision
              WHERE current AND eligible AND amount_fen > 0 AND installation_id = ANY($1) AND subject_org_id = ANY($2) AND event_key <> $3
              GROUP BY 1, 2, 3`,
            [installationIds, orgIds, e.key],
          )
        : [];
    const map = new Map<string, { byYear: Record<number, number>; paying: number }>();
    for (const r of rows) {
      const k = `${r.installation_id}:${r.subject_org_id}`;
      const p = map.get(k) ?? { byYear: {}, paying: 0 };
      p.byYear[r.year] = (p.byYear[r.year] ?? 0) + Number(r.total);
      p.paying += r.n;
      map.set(k, p);
    }
    return { get: (installationId, subjectOrgId) => map.get(`${installationId}:${subjectOrgId}`) };
  }

  /** Stores an event's facts once (a retried delivery finds the row already there). */
  async saveEvent(em: EntityManager, d: PolicyDomainEvent, e: EngineEvent, tenantIds: string[]): Promise<void> {
    await em
      .createQueryBuilder()
      .insert()
      .into(PolicyEventRecord)
      .values({ id: d.eventId, type: d.type, eventKey: e.key, occurredOn: e.event.occurredOn, tenantIds, facts: d as never })
      .orIgnore()
      .execute();
  }

  /** Stores a contract lifecycle event (cancellation, facts confirmed) once, under the contract's key. */
  async saveLifecycleEvent(em: EntityManager, d: ContractLifecycleEvent, occurredOn: string): Promise<void> {
    const c = d.contract;
    await em
      .createQueryBuilder()
      .insert()
      .into(PolicyEventRecord)
      .values({
        id: d.eventId,
        type: d.type,
        eventKey: c.rootId,
        occurredOn,
        tenantIds: [...new Set([c.seller.tenantId, c.buyer.tenantId])],
        facts: d as never,
      })
      .orIgnore()
      .execute();
  }

  /** The latest facts stored about a contract (its amendment chain): what approval checks against. */
  async latestContractFacts(key: string): Promise<Record<string, unknown> | null> {
    const [row]: { contract: Record<string, unknown> }[] = await this.ds.query(
      `SELECT facts->'contract' AS contract FROM policy_event
        WHERE event_key = $1 AND (type LIKE 'contract.%' OR type = 'payment.received')
        ORDER BY received_at DESC LIMIT 1`,
      [key],
    );
    return row?.contract ?? null;
  }

  /**
   * 撤销登记: every current decision about the contract is replaced by an ineligible one that
   * says why (same installation, subject and parameters), so nothing more is paid and approved
   * money becomes a recovery.
   */
  async withdrawAll(em: EntityManager, key: string, eventId: string, reason: string): Promise<SavedDecisions> {
    const standing = await em
      .getRepository(PolicyDecision)
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.current AND d.event_key = :key', { key })
      .getMany();
    if (!standing.length) return { stored: [], replaced: [] };
    await em.save(standing.map((d) => Object.assign(d, { current: false })));
    const stored = await em.save(
      standing.map((d) => {
        const { id: _id, createdAt: _c, ...copy } = d;
        return em.create(PolicyDecision, {
          ...copy,
          eventId,
          current: true,
          eligible: false,
          amountFen: 0,
          effects: null,
          reasons: [...d.reasons, { ok: false, text: reason }],
        });
      }),
    );
    return { stored, replaced: standing };
  }

  async event(id: string): Promise<PolicyDomainEvent | null> {
    const row = await this.ds.getRepository(PolicyEventRecord).findOneBy({ id });
    return (row?.facts as PolicyDomainEvent | undefined) ?? null;
  }

  /**
   * The latest stored `contract.registered` of each contract (its amendment chain) registered
   * in `year`, where a party lies in the subtree of `tenantId`: what a simulation replays.
   */
  async registeredContractEvents(tenantId: string, year: number): Promise<PolicyDomainEvent[]> {
    const rows: { facts: PolicyDomainEvent }[] = await this.ds.query(
      `SELECT DISTINCT ON (e.event_key) e.facts FROM policy_event e
        WHERE e.type = 'contract.registered' AND e.occurred_on BETWEEN $2::date AND $3::date
          AND e.tenant_ids && ARRAY(SELECT id FROM tenant WHERE path <@ (SELECT path FROM tenant WHERE id = $1))
        ORDER BY e.event_key, e.received_at DESC`,
      [tenantId, `${year}-01-01`, `${year}-12-31`],
    );
    return rows.map((r) => r.facts);
  }

  /**
   * Stores decisions as the current ones for their (installation, event key, subject): the
   * previous current ones stay, no longer current (saved through the entity, so the audit log
   * has each change). Exclusive groups hold across events too: an eligible decision of the group
   * already standing for this key from another installation competes with the new ones, and
   * whichever pays less is re-stored as ineligible, saying why. A partial unique index
   * (`policy_decision_one_per_group`) guarantees it even under concurrent events: the loser of a
   * race fails, BullMQ retries, and the retry sees the winner. Decisions without a parameter
   * version (none in force) are not stored. Returns the stored decisions and those they replaced.
   */
  async saveDecisions(em: EntityManager, e: EngineEvent, evaluated: Evaluated[]): Promise<SavedDecisions> {
    const fresh = evaluated.filter((x) => x.parameters);
    if (!fresh.length) return { stored: [], replaced: [] };
    const sameSlot = (d: PolicyDecision, x: Evaluated) =>
      d.installationId === x.installation.id && d.subjectOrgId === x.decision.subjectOrgId;
    const standing = await em
      .getRepository(PolicyDecision)
      .createQueryBuilder('d')
      .setLock('pessimistic_write')
      .where('d.current AND d.event_key = :key', { key: e.key })
      .getMany();
    const replaced = standing.filter((d) => fresh.some((x) => sameSlot(d, x)));

    // Exclusive groups across events: standing eligible decisions of other installations compete.
    const rivals = standing.filter((d) => !replaced.includes(d) && d.eligible && d.amountFen > 0 && d.exclusiveGroup);
    const demoted: PolicyDecision[] = [];
    for (const group of new Set(rivals.map((d) => d.exclusiveGroup!))) {
      const mine = fresh.filter((x) => x.plugin.exclusiveGroup === group && x.decision.eligible && x.decision.amountFen > 0);
      const theirs = rivals.filter((d) => d.exclusiveGroup === group);
      if (!mine.length) continue;
      const best = mine.reduce((a, b) => (b.decision.amountFen > a.decision.amountFen ? b : a));
      const top = theirs.reduce((a, b) => (b.amountFen > a.amountFen ? b : a));
      if (top.amountFen >= best.decision.amountFen) {
        for (const x of mine) x.decision = excluded(x.decision, group, top.pluginId, this.nameOf(top.pluginId), top.amountFen);
      } else {
        for (const d of theirs) demoted.push(d);
        for (const x of mine)
          if (x !== best) x.decision = excluded(x.decision, group, best.plugin.id, best.plugin.name.zh, best.decision.amountFen);
      }
    }

    const retired = [...replaced, ...demoted];
    if (retired.length) await em.save(retired.map((d) => Object.assign(d, { current: false })));
    const rows = fresh.map((x) =>
      em.create(PolicyDecision, {
        installationId: x.installation.id,
        tenantId: x.installation.tenantId,
        pluginId: x.plugin.id,
        pluginVersion: x.plugin.version,
        parametersId: x.parameters!.id,
        parametersVersion: x.parameters!.version,
        eventType: e.event.type,
        eventId: e.eventId,
        eventKey: e.key,
        eventDate: e.event.occurredOn,
        governingDate: x.governing.date,
        governingBasis: x.governing.basis,
        eventPayload: e.reference,
        subjectOrgId: x.decision.subjectOrgId,
        subjectTenantId: x.decision.subjectOrgId ? (e.orgs[x.decision.subjectOrgId]?.tenantId ?? null) : null,
        eligible: x.decision.eligible,
        amountFen: x.decision.amountFen,
        reasons: x.decision.reasons,
        figures: x.decision.figures,
        effects: x.decision.effects ?? null,
        exclusiveGroup: x.plugin.exclusiveGroup ?? null,
        current: true,
      }),
    );
    // A demoted rival is re-stored as the current, ineligible decision of its own installation.
    const winner = (group: string) => fresh.find((x) => x.plugin.exclusiveGroup === group && x.decision.eligible)!;
    for (const d of demoted) {
      const w = winner(d.exclusiveGroup!);
      const { id: _id, createdAt: _c, ...copy } = d;
      rows.push(
        em.create(PolicyDecision, {
          ...copy,
          current: true,
          ...excludedRow(d, d.exclusiveGroup!, w.plugin.id, w.plugin.name.zh, w.decision.amountFen),
        }),
      );
    }
    const stored = await em.save(rows);
    return { stored, replaced: retired };
  }

  private nameOf(pluginId: string): string {
    return this.registry.get(pluginId)?.name.zh ?? pluginId;
  }
}

export interface SavedDecisions {
  stored: PolicyDecision[];
  /** The decisions the new ones replaced (same installation and subject) or demoted (exclusive group). */
  replaced: PolicyDecision[];
}

function exclusionText(group: string, winnerName: string, winnerFen: number) {
  return `与同组政策“${winnerName}”互斥（${group}，其金额 ${yuan(winnerFen)}），同一合同只享受金额较高的一项`;
}

function excluded(d: Decision, group: string, winnerId: string, winnerName: string, winnerFen: number): Decision {
  return {
    ...d,
    eligible: false,
    amountFen: 0,
    reasons: [...d.reasons, { ok: false, text: exclusionText(group, winnerName, winnerFen) }],
    figures: { ...d.figures, exclusiveGroup: group, excludedBy: winnerId },
  };
}

function excludedRow(d: PolicyDecision, group: string, winnerId: string, winnerName: string, winnerFen: number) {
  return {
    eligible: false,
    amountFen: 0,
    reasons: [...d.reasons, { ok: false, text: exclusionText(group, winnerName, winnerFen) }],
    figures: { ...d.figures, exclusiveGroup: group, excludedBy: winnerId },
  };
}
