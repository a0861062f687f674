import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Tier } from '@techmarket/plugin-api';
import type { DataSource, EntityManager } from 'typeorm';
import type { PolicyDomainEvent } from './engine/engine-event.js';
import type { EngineEvent, Evaluated, InstallationWithVersions } from './engine/types.js';
import { PolicyDecision, PolicyEventRecord } from './entities/index.js';

/**
 * The policy engine's repository: the only place its decisions, stored events and
 * installations are read and written in SQL. One query loads installations with all their
 * parameter versions; one statement supersedes and one batch saves an event's decisions.
 */
@Injectable()
export class PolicyStore {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

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
   * previous current ones stay, no longer current. Decisions without a parameter version
   * (none in force) are not stored.
   */
  async saveDecisions(em: EntityManager, e: EngineEvent, evaluated: Evaluated[]): Promise<PolicyDecision[]> {
    const stored = evaluated.filter((x) => x.parameters);
    if (!stored.length) return [];
    await em.query(
      `UPDATE policy_decision d SET current = false
         FROM unnest($1::uuid[], $2::uuid[]) AS s(installation_id, subject_org_id)
        WHERE d.current AND d.event_key = $3 AND d.installation_id = s.installation_id
          AND d.subject_org_id IS NOT DISTINCT FROM s.subject_org_id`,
      [stored.map((x) => x.installation.id), stored.map((x) => x.decision.subjectOrgId), e.key],
    );
    return em.save(
      stored.map((x) =>
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
      ),
    );
  }
}
