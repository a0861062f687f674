import Fastify from 'fastify';
import pg from 'pg';
import { buildSearch, CATALOG_KINDS, type SearchSort, TAG } from '@techmarket/catalog';
import { monthStart, parsePeriod, statisticsSql } from '@techmarket/rollup';
import { accessCondition, defineAbilityFor, type Principal } from '@techmarket/core';

/**
 * The benchmark's baseline: bare Fastify + pg running byte-identical SQL to the API's
 * achievement search (same builder, same access condition for the same principal), with no
 * auth, validation, CASL guard, logging or highlighting. The API's throughput is reported as
 * a ratio of this. `node dist/scripts/bench/baseline-server.js` with DATABASE_URL, PORT and
 * BENCH_PRINCIPAL (JSON of the principal the API would load for the bench user).
 */
const principal = JSON.parse(process.env.BENCH_PRINCIPAL ?? '{}') as Principal;
const access = accessCondition(
  defineAbilityFor(principal),
  'read',
  'Achievement',
  (p) => `a.${p.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`,
);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify({ logger: false });

app.get('/achievements', async (req) => {
  const q = req.query as Record<string, string | undefined>;
  const built = buildSearch(CATALOG_KINDS.achievement.search, {
    q: q.q,
    tags: [...(q.field ? [TAG.field(q.field)] : []), ...(q.tenantCode ? [TAG.tenant(q.tenantCode)] : [])],
    anyTags: [[]],
    status: 'published',
    sort: (q.sort as SearchSort) ?? 'relevance',
    limit: Number(q.limit ?? 20),
    access,
  });
  const [page, facets] = await Promise.all([
    pool.query(built.page.text, built.page.values),
    pool.query(built.facets.text, built.facets.values),
  ]);
  return { items: page.rows.slice(0, Number(q.limit ?? 20)), facets: facets.rows };
});

/**
 * The roll-up benchmark's baseline: the statistics route's prepared statement, byte for byte (one statement:
 * the tenant by code, its children and the summary's grouping sets as JSON), answering the row
 * without shaping it, no access check.
 */
const rollupSql = statisticsSql();
app.get('/rollup/statistics', async (req) => {
  const q = req.query as Record<string, string>;
  const period = parsePeriod(q.period)!;
  const [row] = (
    await pool.query({
      name: rollupSql.routeName,
      text: rollupSql.route,
      values: [q.tenantCode, monthStart(period.from), monthStart(period.to)],
    })
  ).rows;
  return row;
});

app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' }).then((url) => console.log(`baseline listening on ${url}`));
