import type { EntityManager } from 'typeorm';
import { markRollupChanged } from './rollup-version.js';

/**
 * The set-based rebuild: `rollup_contribution`, `rollup_aggregate` and `rollup_summary` computed from the tables in a
 * few statements, on the caller's transaction (which holds the roll-up tables and has cleared them).
 *
 * It restates in SQL what the per-contract path computes in TypeScript — `ContractsService.facts`
 * (chain, root, confirmed money received on the chain), `OrganizationsService.facts` (statuses that
 * hold while their source has not expired on `today`, China date; in the province when the division
 * code's first two digits are the root tenant's) and `classify.contribution` (dimensions, measures,
 * placements). The rollup e2e compares this rebuild with the incremental handlers' result, aggregates
 * and contributions row for row, on randomised data; a change to either side must keep that green.
 */
export async function rebuildSetBased(em: EntityManager, today: string): Promise<{ contracts: number; aggregates: number }> {
  await em.query(
    `CREATE TEMP TABLE rollup_rebuild_contract ON COMMIT DROP AS
     WITH RECURSIVE chain(contract_id, id, amends_id, depth) AS (
            SELECT c.id, c.id, c.amends_id, 0 FROM tech_contract c WHERE c.status = 'registered'
            UNION ALL
            SELECT chain.contract_id, t.id, t.amends_id, chain.depth + 1 FROM chain JOIN tech_contract t ON t.id = chain.amends_id),
          root AS (
            SELECT DISTINCT ON (contract_id) contract_id, id AS root_id FROM chain ORDER BY contract_id, depth DESC),
          received AS (
            SELECT chain.contract_id, sum(p.amount_fen)::bigint AS fen
              FROM chain JOIN contract_payment p ON p.contract_id = chain.id AND p.confirmed_at IS NOT NULL
             GROUP BY chain.contract_id),
          org AS (
            SELECT o.id, o.type, string_to_array(t.path::text, '.') AS path,
                   left(o.division_code, 2) = left(split_part(t.path::text, '.', 1), 2) AS in_province,
                   o.is_sme AND NOT EXISTS (SELECT 1 FROM organization_fact_source s
                     WHERE s.organization_id = o.id AND s.fact = 'isSme' AND s.valid_until < $1::date) AS is_sme,
                   o.is_specialized AND NOT EXISTS (SELECT 1 FROM organization_fact_source s
                     WHERE s.organization_id = o.id AND s.fact = 'isSpecialized' AND s.valid_until < $1::date) AS is_specialized,
                   o.is_high_tech AND NOT EXISTS (SELECT 1 FROM organization_fact_source s
                     WHERE s.organization_id = o.id AND s.fact = 'isHighTech' AND s.valid_until < $1::date) AS is_high_tech
              FROM organization o JOIN tenant t ON t.id = o.tenant_id),
          patents AS (
            SELECT cp.contract_id, count(*)::int AS n,
                   (array_agg(p.field ORDER BY p.field COLLATE "C") FILTER (WHERE p.field IS NOT NULL)) AS fields
              FROM tech_contract_patent cp JOIN patent p ON p.id = cp.patent_id
             GROUP BY cp.contract_id),
          field AS (
            -- The commonest field among the patents; ties to the first in code-point order.
            SELECT DISTINCT ON (contract_id) contract_id, f AS field
              FROM (SELECT contract_id, f, count(*) AS n FROM patents, unnest(fields) AS f GROUP BY contract_id, f) x
             ORDER BY contract_id, n DESC, f COLLATE "C")
     SELECT c.id AS contract_id, r.root_id, c.tenant_id,
            COALESCE(to_char(COALESCE(rc.registered_at, c.registered_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-01'),
                     to_char(c.signed_on, 'YYYY-MM-01')) AS month,
            c.contract_type, COALESCE(f.field, 'unknown') AS field,
            CASE WHEN NOT b.in_province THEN 'outside' WHEN b.type <> 'enterprise' THEN 'other'
                 WHEN b.is_specialized THEN 'specialized' WHEN b.is_sme THEN 'sme' WHEN b.is_high_tech THEN 'high_tech'
                 ELSE 'large' END AS buyer_category,
            CASE WHEN s.type IN ('university_institute', 'enterprise') THEN s.type ELSE 'other' END AS seller_category,
            CASE WHEN NOT s.in_province OR NOT b.in_province THEN 'outside'
                 WHEN cardinality(s.path) >= 3 AND cardinality(b.path) >= 3 AND s.path[3] = b.path[3] THEN 'same_county'
                 WHEN cardinality(s.path) >= 2 AND cardinality(b.path) >= 2 AND s.path[2] = b.path[2] THEN 'same_city'
                 ELSE 'province' END AS flow,
            COALESCE(pt.n, 0) AS patents, c.amount_fen, c.tech_transaction_fen, COALESCE(rv.fen, 0) AS received_fen,
            string_to_array(rt.path::text, '.') AS registration_path,
            CASE WHEN s.in_province THEN s.path END AS seller_path,
            CASE WHEN b.in_province THEN b.path END AS buyer_path
       FROM tech_contract c
       JOIN root r ON r.contract_id = c.id
       JOIN tech_contract rc ON rc.id = r.root_id
       JOIN tenant rt ON rt.id = c.tenant_id
       JOIN org s ON s.id = c.seller_org_id
       JOIN org b ON b.id = c.buyer_org_id
       LEFT JOIN patents pt ON pt.contract_id = c.id
       LEFT JOIN field f ON f.contract_id = c.id
       LEFT JOIN received rv ON rv.contract_id = c.id
      WHERE c.status = 'registered'`,
    [today],
  );
  // Every place a contract counts: each tenant on the path of its side, through the next code below.
  await em.query(
    `CREATE TEMP TABLE rollup_rebuild_placement ON COMMIT DROP AS
     SELECT k.contract_id, x.ord AS side_ord, x.side, u.i, t.id AS tenant_id, COALESCE(x.path[u.i + 1], '') AS child_code
       FROM rollup_rebuild_contract k
       CROSS JOIN LATERAL (VALUES (1, 'registered', k.registration_path), (2, 'output', k.seller_path), (3, 'input', k.buyer_path)) AS x(ord, side, path)
       CROSS JOIN LATERAL unnest(x.path) WITH ORDINALITY AS u(code, i)
       JOIN tenant t ON t.code = u.code`,
  );
  await em.query(
    `INSERT INTO rollup_contribution (root_id, contract_id, tenant_id, month, dims, measures, placements, updated_at)
     SELECT k.root_id, k.contract_id, k.tenant_id, k.month::date,
            jsonb_build_object('month', k.month, 'contractType', k.contract_type, 'field', k.field, 'buyerCategory', k.buyer_category,
              'sellerCategory', k.seller_category, 'flow', k.flow, 'withPatents', k.patents > 0),
            jsonb_build_object('contracts', 1, 'amountFen', k.amount_fen, 'techTransactionFen', k.tech_transaction_fen,
              'receivedFen', k.received_fen, 'patents', k.patents),
            COALESCE(pl.placements, '[]'::jsonb), now()
       FROM rollup_rebuild_contract k
       LEFT JOIN (SELECT p.contract_id,
                         jsonb_agg(jsonb_build_object('side', p.side, 'tenantId', p.tenant_id, 'childCode', p.child_code) ORDER BY p.side_ord, p.i) AS placements
                    FROM rollup_rebuild_placement p GROUP BY p.contract_id) pl ON pl.contract_id = k.contract_id`,
  );
  const [agg]: { n: number }[] = await em.query(
    `WITH ins AS (
       INSERT INTO rollup_aggregate (tenant_id, side, month, contract_type, field, buyer_category, seller_category, flow, with_patents, child_code,
                                     contracts, amount_fen, tech_transaction_fen, received_fen, patents)
       SELECT p.tenant_id, p.side, k.month::date, k.contract_type, k.field, k.buyer_category, k.seller_category, k.flow, k.patents > 0, p.child_code,
              count(*), sum(k.amount_fen), sum(k.tech_transaction_fen), sum(k.received_fen), sum(k.patents)
         FROM rollup_rebuild_placement p JOIN rollup_rebuild_contract k ON k.contract_id = p.contract_id
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
       RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
  );
  await rebuildSummary(em);
  const [n]: { n: number }[] = await em.query(`SELECT count(*)::int AS n FROM rollup_rebuild_contract`);
  await em.query(`DROP TABLE rollup_rebuild_placement, rollup_rebuild_contract`);
  return { contracts: n.n, aggregates: agg.n };
}

/**
 * `rollup_summary` derived from `rollup_aggregate` (on the caller's transaction, the summary
 * cleared): one `GROUP BY` over each aggregate row once per breakdown dimension. The handlers reach
 * the same rows by upserting the marginal sums of their deltas (`summaryDeltas`); the rollup e2e
 * compares the two row for row.
 */
export async function rebuildSummary(em: EntityManager): Promise<number> {
  const [r]: { n: number }[] = await em.query(
    `WITH ins AS (
       INSERT INTO rollup_summary (tenant_id, side, month, dimension, key, contracts, amount_fen, tech_transaction_fen, received_fen, patents)
       SELECT a.tenant_id, a.side, a.month, v.dimension, v.key,
              sum(a.contracts), sum(a.amount_fen), sum(a.tech_transaction_fen), sum(a.received_fen), sum(a.patents)
         FROM rollup_aggregate a
         CROSS JOIN LATERAL (VALUES ('contract_type', a.contract_type), ('field', a.field), ('buyer_category', a.buyer_category),
                                    ('seller_category', a.seller_category), ('flow', a.flow), ('child_code', a.child_code)) AS v(dimension, key)
        GROUP BY 1, 2, 3, 4, 5
       RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
  );
  await markRollupChanged(em);
  return r.n;
}
