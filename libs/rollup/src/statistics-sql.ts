/** One GROUPING() bit per breakdown column, in the order of the query's GROUPING(...) call. */
export const BREAKDOWNS = [
  ['byContractType', 'contract_type'],
  ['byField', 'field'],
  ['byBuyerCategory', 'buyer_category'],
  ['bySellerCategory', 'seller_category'],
  ['byFlow', 'flow'],
  ['byChild', 'child_code'],
] as const;

/**
 * The statistics route's SQL (after the tenant is looked up by code): the sums of a tenant's
 * aggregates over a range of months, per side and per breakdown ($1 tenant id, $2 and $3 first
 * days of the first and last months), and the tenant's children ($1). Shared with the benchmark's
 * baseline server, which runs it byte for byte.
 */
export function statisticsSql() {
  const grouping = BREAKDOWNS.map(([, c]) => c).join(', ');
  return {
    tenant: `SELECT id, code, name, tier, path::text AS path FROM tenant WHERE code = $1`,
    aggregates: `SELECT side, ${grouping}, GROUPING(${grouping})::int AS g,
              sum(contracts)::bigint AS contracts, sum(amount_fen)::bigint AS amount_fen,
              sum(tech_transaction_fen)::bigint AS tech_transaction_fen, sum(received_fen)::bigint AS received_fen,
              sum(patents)::bigint AS patents
         FROM rollup_aggregate
        WHERE tenant_id = $1 AND month BETWEEN $2::date AND $3::date
        GROUP BY GROUPING SETS ((side), ${BREAKDOWNS.map(([, c]) => `(side, ${c})`).join(', ')})`,
    children: `SELECT code, name FROM tenant WHERE parent_id = $1 ORDER BY code`,
  };
}
