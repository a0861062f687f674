/** The statistics route's breakdowns: the name in its JSON and the `rollup_summary` dimension (an aggregate column). */
export const BREAKDOWNS = [
  ['byContractType', 'contract_type'],
  ['byField', 'field'],
  ['byBuyerCategory', 'buyer_category'],
  ['bySellerCategory', 'seller_category'],
  ['byFlow', 'flow'],
  ['byChild', 'child_code'],
] as const;

/** The summary's sums for one tenant ($1) over a range of months ($2, $3: first days), per side, dimension and key, plus subtotals. */
const SUMMARY = `SELECT side, dimension, key, GROUPING(key)::int AS g,
              sum(contracts)::bigint AS contracts, sum(amount_fen)::bigint AS amount_fen,
              sum(tech_transaction_fen)::bigint AS tech_transaction_fen, sum(received_fen)::bigint AS received_fen,
              sum(patents)::bigint AS patents
         FROM rollup_summary
        WHERE tenant_id = $1 AND month BETWEEN $2::date AND $3::date
        GROUP BY GROUPING SETS ((side, dimension), (side, dimension, key))`;

/**
 * The statistics route's SQL: a tenant's marginal sums (`rollup_summary`) over a range of months,
 * per side, dimension and key, plus each side's and dimension's subtotal (`g` = 1; a side's totals
 * are its `contract_type` subtotal), and the tenant's children.
 *
 * `route` is what one request runs: ONE statement ($1 tenant code, $2 and $3 first days of the
 * first and last months) answering one row — the tenant (null when the code is unknown), its
 * children and the sums as JSON — so a request costs one round trip to PostgreSQL, not three
 * (profiled: each round trip costs the API process a socket write and a read, ~0.15 ms of CPU
 * on this machine). It runs as the named prepared statement `routeName`: planned afresh each
 * time it took PostgreSQL 0.7–1.3 ms (`EXPLAIN (ANALYZE, SUMMARY)` on the national data, more
 * than executing it); prepared, PostgreSQL settles on a generic plan (the summary's primary key)
 * after five executions and plans in ~0.01 ms. Shared with the benchmark's baseline server,
 * which runs it byte for byte, prepared the same way. `summary` and `children` ($1 tenant id)
 * serve the periodic reports, which already hold the tenant.
 */
export function statisticsSql() {
  return {
    tenant: `SELECT id, code, name, tier, path::text AS path FROM tenant WHERE code = $1`,
    summary: SUMMARY,
    children: `SELECT code, name FROM tenant WHERE parent_id = $1 ORDER BY code`,
    routeName: 'rollup-statistics',
    route: `WITH t AS (SELECT id, code, name, tier, path::text AS path FROM tenant WHERE code = $1)
       SELECT (SELECT row_to_json(t) FROM t) AS tenant,
              (SELECT coalesce(json_agg(json_build_object('code', c.code, 'name', c.name) ORDER BY c.code), '[]')
                 FROM tenant c JOIN t ON c.parent_id = t.id) AS children,
              (SELECT coalesce(json_agg(s), '[]')
                 FROM (${SUMMARY.replace('tenant_id = $1', 'tenant_id = (SELECT id FROM t)')}) s) AS rows`,
  };
}
