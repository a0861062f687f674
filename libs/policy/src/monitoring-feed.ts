import type { EntityManager } from 'typeorm';

/** A monitoring finding a policy plugin raised (`effects.flag` on a current decision), as anomaly monitoring reads it. */
export interface PolicyFlag {
  decisionId: string;
  /** The installing tenant (whose staff act on it). */
  tenantId: string;
  pluginId: string;
  /** The original contract id (across amendments), a catalog entry id, or `tenant:year`. */
  eventKey: string;
  subjectOrgId: string | null;
  code: string;
  text: string;
  decidedAt: string;
}

/** A subsidy application still in play (not rejected or withdrawn), with what its decision was about. */
export interface MonitoredApplication {
  applicationId: string;
  tenantId: string;
  applicantOrgId: string;
  amountFen: number;
  /** China date it was filed. */
  filedOn: string;
  eventType: string;
  /** The original contract id for contract events. */
  eventKey: string;
  pluginId: string;
}

/** Current decisions that carry a monitoring flag. Built here, by the module that owns decisions. */
export async function policyFlags(em: EntityManager): Promise<PolicyFlag[]> {
  const rows: Record<string, unknown>[] = await em.query(
    `SELECT id, tenant_id, plugin_id, event_key, subject_org_id, effects->'flag'->>'code' AS code, effects->'flag'->>'text' AS text, created_at
       FROM policy_decision WHERE current AND effects ? 'flag' ORDER BY created_at, id`,
  );
  return rows.map((r) => ({
    decisionId: r.id as string,
    tenantId: r.tenant_id as string,
    pluginId: r.plugin_id as string,
    eventKey: r.event_key as string,
    subjectOrgId: (r.subject_org_id as string | null) ?? null,
    code: r.code as string,
    text: r.text as string,
    decidedAt: (r.created_at as Date).toISOString(),
  }));
}

/** Subsidy applications filed on or after `since` (China date) that are not rejected or withdrawn. */
export async function monitoredApplications(em: EntityManager, since: string): Promise<MonitoredApplication[]> {
  const rows: Record<string, unknown>[] = await em.query(
    `SELECT a.id, a.tenant_id, a.applicant_org_id, a.amount_fen::bigint AS amount_fen,
            (a.created_at AT TIME ZONE 'Asia/Shanghai')::date::text AS filed_on, d.event_type, d.event_key, d.plugin_id
       FROM subsidy_application a JOIN policy_decision d ON d.id = a.decision_id
      WHERE a.status NOT IN ('rejected', 'withdrawn') AND (a.created_at AT TIME ZONE 'Asia/Shanghai')::date >= $1::date
      ORDER BY a.created_at, a.id`,
    [since],
  );
  return rows.map((r) => ({
    applicationId: r.id as string,
    tenantId: r.tenant_id as string,
    applicantOrgId: r.applicant_org_id as string,
    amountFen: Number(r.amount_fen),
    filedOn: r.filed_on as string,
    eventType: r.event_type as string,
    eventKey: r.event_key as string,
    pluginId: r.plugin_id as string,
  }));
}
