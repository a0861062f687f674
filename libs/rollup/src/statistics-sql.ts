/** The statistics route's breakdowns: the name in its JSON and the `rollup_summary` dimension (an aggregate column). */
export const BREAKDOWNS = [
  ['byContractType', 'contract_type'],
  ['byField', 'field'],
  ['byBuyerCategory', 'buyer_category'],
  ['bySellerCategory', 'seller_category'],
  ['byFlow', 'flow'],
  ['byChild', 'child_code'],
] as const;

/**
 * The statistics route's SQL (after the tenant is looked up by code): a tenant's marginal sums
 * (`rollup_summary`) over a range of months, per side, dimension and key, plus each side's and
 * dimension's subtotal (`g` = 1; a side's totals are its `contract_type` subtotal) ($1 tenant id,
 * $2 and $3 first days of the first and last months), and the tenant's children ($1). Shared with
 * the benchmark's baseline server, which runs it byte for byte.
 */
export function statisticsSql() {
  return {
    tenant: `SELECT id, code, name, tier, path::text AS path FROM tenant WHERE code = $1`,
    summary: `SELECT side, dimension, key, GROUPING(key)::int AS g,
              sum(contracts)::bigint AS contracts, sum(amount_fen)::bigint AS amount_fen,
              sum(tech_transaction_fen)::bigint AS tech_transaction_fen, sum(received_fen)::bigint AS received_fen,
              sum(patents)::bigint AS patents
         FROM rollup_summary
        WHERE tenant_id = $1 AND month BETWEEN $2::date AND $3::date
        GROUP BY GROUPING SETS ((side, dimension), (side, dimension, key))`,
    children: `SELECT code, name FROM tenant WHERE parent_id = $1 ORDER BY code`,
  };
}
