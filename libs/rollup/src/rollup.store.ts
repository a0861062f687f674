import type { RegisteredContractFacts } from '@techmarket/contracts';
import type { EntityManager } from 'typeorm';
import { type Contribution, contribution, type Dimensions, type Measures, type Placement } from './classify.js';
import { markRollupChanged } from './rollup-version.js';

/**
 * The roll-up's SQL, on the caller's EntityManager: the in-transaction handlers run it inside
 * the contracts module's transaction, the rebuild inside its own. Framework-free.
 *
 * `rollup_contribution` keeps, per amendment chain (root contract), what it added to
 * `rollup_aggregate`; a change subtracts the stored contribution and adds the new one, so an
 * amendment replaces its original, a cancellation removes it and a confirmed payment updates
 * the money received, whatever happened before.
 */

const KEY = [
  'tenant_id',
  'side',
  'month',
  'contract_type',
  'field',
  'buyer_category',
  'seller_category',
  'flow',
  'with_patents',
  'child_code',
];
const MEASURES = ['contracts', 'amount_fen', 'tech_transaction_fen', 'received_fen', 'patents'] as const;

export interface AggregateDelta {
  tenant_id: string;
  side: string;
  month: string;
  contract_type: string;
  field: string;
  buyer_category: string;
  seller_category: string;
  flow: string;
  with_patents: boolean;
  child_code: string;
  contracts: number;
  amount_fen: number;
  tech_transaction_fen: number;
  received_fen: number;
  patents: number;
}

/** Stored placements carry tenant ids (codes may be renamed; ids are what rows point to). */
interface StoredPlacement {
  side: string;
  tenantId: string;
  childCode: string;
}

interface StoredContribution {
  dims: Dimensions;
  measures: Measures;
  placements: StoredPlacement[];
}

export type TenantIndex = Map<string, { id: string; path: string[] }>;

/** Tenant ids and paths by code (the tree is core's; codes are what events carry). */
export async function tenantIndex(em: EntityManager, codes: string[]): Promise<TenantIndex> {
  const rows: { id: string; code: string; path: string }[] = await em.query(
    `SELECT id, code, path::text AS path FROM tenant WHERE code = ANY($1)`,
    [[...new Set(codes)]],
  );
  return new Map(rows.map((r) => [r.code, { id: r.id, path: r.path.split('.') }]));
}

/** The contribution of a contract, with its placements resolved to tenant ids. */
export async function resolve(
  em: EntityManager,
  c: RegisteredContractFacts,
  known?: TenantIndex,
): Promise<StoredContribution & { rootId: string; contractId: string; tenantId: string }> {
  const codes = [c.tenantCode, ...c.seller.tenantPath, ...c.buyer.tenantPath];
  let index = known;
  if (!index || codes.some((code) => !index!.has(code))) index = await tenantIndex(em, codes);
  const registration = index.get(c.tenantCode);
  if (!registration) throw new Error(`roll-up: unknown registration tenant ${c.tenantCode}`);
  const k: Contribution = contribution(c, registration.path);
  const placements = k.placements.map((p: Placement) => {
    const t = index!.get(p.tenantCode);
    if (!t) throw new Error(`roll-up: unknown tenant ${p.tenantCode}`);
    return { side: p.side, tenantId: t.id, childCode: p.childCode };
  });
  return { rootId: k.rootId, contractId: k.contractId, tenantId: registration.id, dims: k.dims, measures: k.measures, placements };
}

export function deltas(k: StoredContribution, sign: 1 | -1): AggregateDelta[] {
  return k.placements.map((p) => ({
    tenant_id: p.tenantId,
    side: p.side,
    month: k.dims.month,
    contract_type: k.dims.contractType,
    field: k.dims.field,
    buyer_category: k.dims.buyerCategory,
    seller_category: k.dims.sellerCategory,
    flow: k.dims.flow,
    with_patents: k.dims.withPatents,
    child_code: p.childCode,
    contracts: sign * k.measures.contracts,
    amount_fen: sign * k.measures.amountFen,
    tech_transaction_fen: sign * k.measures.techTransactionFen,
    received_fen: sign * k.measures.receivedFen,
    patents: sign * k.measures.patents,
  }));
}

const keyOf = (d: AggregateDelta) => KEY.map((k) => String(d[k as keyof AggregateDelta])).join('\u0001');

/** Sums deltas by aggregate key, sorted by key so concurrent writers lock rows in one order (no deadlock). */
export function combine(all: AggregateDelta[]): AggregateDelta[] {
  const byKey = new Map<string, AggregateDelta>();
  for (const d of all) {
    const k = keyOf(d);
    const e = byKey.get(k);
    if (!e) byKey.set(k, { ...d });
    else for (const m of MEASURES) e[m] += d[m];
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => d)
    .filter((d) => MEASURES.some((m) => d[m] !== 0));
}

const RECORDSET = `jsonb_to_recordset($1::jsonb) AS d(tenant_id uuid, side varchar, month date, contract_type varchar, field varchar,
  buyer_category varchar, seller_category varchar, flow varchar, with_patents boolean, child_code varchar,
  contracts int, amount_fen bigint, tech_transaction_fen bigint, received_fen bigint, patents int)`;

/** The aggregate columns `rollup_summary` sums over, one row per (tenant, side, month, dimension, key). */
export const SUMMARY_DIMENSIONS = ['contract_type', 'field', 'buyer_category', 'seller_category', 'flow', 'child_code'] as const;
const SUMMARY_KEY = ['tenant_id', 'side', 'month', 'dimension', 'key'];

export interface SummaryDelta {
  tenant_id: string;
  side: string;
  month: string;
  dimension: string;
  key: string;
  contracts: number;
  amount_fen: number;
  tech_transaction_fen: number;
  received_fen: number;
  patents: number;
}

/** The marginal sums of aggregate deltas: each delta counts once per dimension; summed by key, sorted by key, zeros dropped. */
export function summaryDeltas(list: AggregateDelta[]): SummaryDelta[] {
  const byKey = new Map<string, SummaryDelta>();
  for (const d of list)
    for (const dimension of SUMMARY_DIMENSIONS) {
      const s: SummaryDelta = {
        tenant_id: d.tenant_id,
        side: d.side,
        month: d.month,
        dimension,
        key: d[dimension],
        contracts: d.contracts,
        amount_fen: d.amount_fen,
        tech_transaction_fen: d.tech_transaction_fen,
        received_fen: d.received_fen,
        patents: d.patents,
      };
      const k = SUMMARY_KEY.map((c) => String(s[c as keyof SummaryDelta])).join('\u0001');
      const e = byKey.get(k);
      if (!e) byKey.set(k, s);
      else for (const m of MEASURES) e[m] += s[m];
    }
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, s]) => s)
    .filter((s) => MEASURES.some((m) => s[m] !== 0));
}

const SUMMARY_RECORDSET = `jsonb_to_recordset($1::jsonb) AS d(tenant_id uuid, side varchar, month date, dimension varchar, key varchar,
  contracts int, amount_fen bigint, tech_transaction_fen bigint, received_fen bigint, patents int)`;

/**
 * Adds deltas to the aggregates in one statement, then drops rows no contract counts in any more;
 * the same for their marginal sums in `rollup_summary` (after the aggregates, each sorted by key:
 * concurrent writers lock both tables' rows in one order).
 */
export async function applyDeltas(em: EntityManager, list: AggregateDelta[]): Promise<void> {
  if (!list.length) return;
  const json = JSON.stringify(list);
  await em.query(
    `INSERT INTO rollup_aggregate (${KEY.join(', ')}, ${MEASURES.join(', ')})
     SELECT ${KEY.map((k) => `d.${k}`).join(', ')}, ${MEASURES.map((m) => `d.${m}`).join(', ')} FROM ${RECORDSET}
     ON CONFLICT (${KEY.join(', ')}) DO UPDATE SET ${MEASURES.map((m) => `${m} = rollup_aggregate.${m} + excluded.${m}`).join(', ')}`,
    [json],
  );
  await em.query(
    `DELETE FROM rollup_aggregate a USING ${RECORDSET}
      WHERE ${KEY.map((k) => `a.${k} = d.${k}`).join(' AND ')} AND a.contracts = 0`,
    [json],
  );
  const summary = summaryDeltas(list);
  if (!summary.length) return;
  const sums = JSON.stringify(summary);
  await em.query(
    `INSERT INTO rollup_summary (${SUMMARY_KEY.join(', ')}, ${MEASURES.join(', ')})
     SELECT ${SUMMARY_KEY.map((k) => `d.${k}`).join(', ')}, ${MEASURES.map((m) => `d.${m}`).join(', ')} FROM ${SUMMARY_RECORDSET}
     ON CONFLICT (${SUMMARY_KEY.join(', ')}) DO UPDATE SET ${MEASURES.map((m) => `${m} = rollup_summary.${m} + excluded.${m}`).join(', ')}`,
    [sums],
  );
  await em.query(
    `DELETE FROM rollup_summary s USING ${SUMMARY_RECORDSET}
      WHERE ${SUMMARY_KEY.map((k) => `s.${k} = d.${k}`).join(' AND ')} AND s.contracts = 0`,
    [sums],
  );
  await markRollupChanged(em);
}

/**
 * Replaces the chain's contribution with the contract's current one (`remove`: with nothing),
 * inside the caller's transaction. Idempotent: applying the same facts twice changes nothing.
 */
export async function applyContract(em: EntityManager, c: RegisteredContractFacts, remove = false): Promise<void> {
  const [old]: { dims: Dimensions; measures: Measures; placements: StoredPlacement[] }[] = await em.query(
    `SELECT dims, measures, placements FROM rollup_contribution WHERE root_id = $1 FOR UPDATE`,
    [c.rootId],
  );
  const next = remove ? null : await resolve(em, c);
  // An amendment counts in the month its chain was first registered: keep the stored month.
  if (next && old) next.dims.month = old.dims.month;
  await applyDeltas(em, combine([...(old ? deltas(old, -1) : []), ...(next ? deltas(next, 1) : [])]));
  if (!next) {
    await em.query(`DELETE FROM rollup_contribution WHERE root_id = $1`, [c.rootId]);
    return;
  }
  await em.query(
    `INSERT INTO rollup_contribution (root_id, contract_id, tenant_id, month, dims, measures, placements, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now())
     ON CONFLICT (root_id) DO UPDATE SET contract_id = excluded.contract_id, tenant_id = excluded.tenant_id, month = excluded.month,
       dims = excluded.dims, measures = excluded.measures, placements = excluded.placements, updated_at = now()`,
    [
      next.rootId,
      next.contractId,
      next.tenantId,
      next.dims.month,
      JSON.stringify(next.dims),
      JSON.stringify(next.measures),
      JSON.stringify(next.placements),
    ],
  );
}

export type ResolvedContribution = Awaited<ReturnType<typeof resolve>>;

/** The rebuild's first step: no contribution, no aggregate, no summary. */
export async function clearAll(em: EntityManager): Promise<void> {
  await em.query(`DELETE FROM rollup_summary`);
  await em.query(`DELETE FROM rollup_aggregate`);
  await em.query(`DELETE FROM rollup_contribution`);
  await markRollupChanged(em);
}

/** The rebuild: a batch of contributions stored, their aggregate deltas returned for summing. */
export async function insertContributions(em: EntityManager, batch: ResolvedContribution[]): Promise<AggregateDelta[]> {
  if (!batch.length) return [];
  await em.query(
    `INSERT INTO rollup_contribution (root_id, contract_id, tenant_id, month, dims, measures, placements, updated_at)
     SELECT d.root_id, d.contract_id, d.tenant_id, (d.dims->>'month')::date, d.dims, d.measures, d.placements, now()
       FROM jsonb_to_recordset($1::jsonb) AS d(root_id uuid, contract_id uuid, tenant_id uuid, dims jsonb, measures jsonb, placements jsonb)`,
    [
      JSON.stringify(
        batch.map((k) => ({
          root_id: k.rootId,
          contract_id: k.contractId,
          tenant_id: k.tenantId,
          dims: k.dims,
          measures: k.measures,
          placements: k.placements,
        })),
      ),
    ],
  );
  return batch.flatMap((k) => deltas(k, 1));
}
