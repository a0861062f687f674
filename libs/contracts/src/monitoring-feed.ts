import type { EntityManager } from 'typeorm';

/** A party of a contract as anomaly monitoring needs it: who, where, how to reach them, since when. */
export interface MonitoredParty {
  orgId: string;
  name: string;
  tenantId: string;
  contactName: string | null;
  contactPhone: string | null;
  /** When the organisation was entered on the platform (ISO). */
  registeredAt: string;
}

/**
 * A live registered contract (the current one of its amendment chain) as anomaly monitoring
 * (异常监测) reads it: built here, by the module that owns the contracts, in one set-based query.
 */
export interface MonitoredContract {
  id: string;
  rootId: string;
  registrationNumber: string;
  tenantId: string;
  contractType: string;
  amountFen: number;
  signedOn: string;
  /** China date of the chain's first registration. */
  registeredOn: string;
  seller: MonitoredParty;
  buyer: MonitoredParty;
  patentIds: string[];
  paymentSchedule: { dueOn: string; amountFen: number }[];
  /** Confirmed payments of the chain, oldest first. */
  payments: { receivedOn: string; amountFen: number }[];
}

/** Every live registered contract whose chain was first registered on or after `since` (China date). */
export async function monitoredContracts(em: EntityManager, since: string): Promise<MonitoredContract[]> {
  const rows: Record<string, unknown>[] = await em.query(
    `WITH RECURSIVE chain(id, node, amends_id) AS (
       SELECT c.id, c.id, c.amends_id FROM tech_contract c WHERE c.status = 'registered'
       UNION ALL SELECT chain.id, t.id, t.amends_id FROM tech_contract t JOIN chain ON t.id = chain.amends_id),
     roots AS (
       SELECT ch.id, ch.node AS root_id, r.registered_at AS first_registered_at
         FROM chain ch JOIN tech_contract r ON r.id = ch.node WHERE ch.amends_id IS NULL)
     SELECT c.id, roots.root_id, c.registration_number, c.tenant_id, c.contract_type, c.amount_fen::bigint AS amount_fen,
            c.signed_on::text AS signed_on,
            (roots.first_registered_at AT TIME ZONE 'Asia/Shanghai')::date::text AS registered_on,
            c.payment_schedule,
            jsonb_build_object('orgId', s.id, 'name', s.name, 'tenantId', s.tenant_id, 'contactName', s.contact_name,
              'contactPhone', s.contact_phone, 'registeredAt', s.created_at) AS seller,
            jsonb_build_object('orgId', b.id, 'name', b.name, 'tenantId', b.tenant_id, 'contactName', b.contact_name,
              'contactPhone', b.contact_phone, 'registeredAt', b.created_at) AS buyer,
            ARRAY(SELECT cp.patent_id::text FROM tech_contract_patent cp WHERE cp.contract_id = c.id ORDER BY 1) AS patent_ids,
            COALESCE((SELECT jsonb_agg(jsonb_build_object('receivedOn', p.received_on, 'amountFen', p.amount_fen)
                                       ORDER BY p.received_on, p.id)
                        FROM contract_payment p
                       WHERE p.confirmed_at IS NOT NULL AND p.contract_id IN (SELECT node FROM chain WHERE chain.id = c.id)),
                     '[]'::jsonb) AS payments
       FROM tech_contract c
       JOIN roots ON roots.id = c.id
       JOIN organization s ON s.id = c.seller_org_id
       JOIN organization b ON b.id = c.buyer_org_id
      WHERE c.status = 'registered' AND (roots.first_registered_at AT TIME ZONE 'Asia/Shanghai')::date >= $1::date
      ORDER BY roots.first_registered_at, c.id`,
    [since],
  );
  return rows.map((r) => ({
    id: r.id as string,
    rootId: r.root_id as string,
    registrationNumber: r.registration_number as string,
    tenantId: r.tenant_id as string,
    contractType: r.contract_type as string,
    amountFen: Number(r.amount_fen),
    signedOn: r.signed_on as string,
    registeredOn: r.registered_on as string,
    seller: r.seller as MonitoredParty,
    buyer: r.buyer as MonitoredParty,
    patentIds: r.patent_ids as string[],
    paymentSchedule: (r.payment_schedule as { dueOn: string; amountFen: number }[]) ?? [],
    payments: (r.payments as { receivedOn: string; amountFen: number | string }[]).map((p) => ({
      receivedOn: p.receivedOn,
      amountFen: Number(p.amountFen),
    })),
  }));
}
