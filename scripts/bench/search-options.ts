import pg from 'pg';
import { buildSearch, CATALOG_KINDS } from '@techmarket/catalog';

/**
 * `node dist/scripts/bench/search-options.js` (DATABASE_URL = a demo database): the
 * measurement behind docs/decisions/0005-catalog-search.md. For each query it times the
 * chosen design (jieba-segmented weighted tsvector + GIN, capped ranking) against pg_trgm
 * (GIN trigram index over title + summary, ILIKE per term, ranked by similarity), single
 * client, median of 15 runs after a warm-up, and prints each one's top 3. The trigram index
 * is built inside a transaction that is rolled back, so the database is left as it was.
 */
const QUERIES = ['光刻', '碳纤维', '技术', '复合材料 制备', '开放许可 新材料', '黑土地 耕作'];
const RUNS = 15;

async function median(client: pg.ClientBase, text: string, values: unknown[]): Promise<{ ms: number; rows: { title: string }[] }> {
  let rows: { title: string }[] = [];
  await client.query(text, values);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    rows = (await client.query(text, values)).rows;
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(RUNS / 2)], rows };
}

async function main() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const { rows: n } = await client.query(`SELECT count(*)::int AS n FROM achievement WHERE status = 'published'`);
  console.log(`published achievements: ${n[0].n}; median of ${RUNS} runs, one client\n`);
  const access = { sql: 'a.status = :acl_0', params: { acl_0: 'published' } };
  const results: Record<string, { ts: Awaited<ReturnType<typeof median>>; trgm?: Awaited<ReturnType<typeof median>> }> = {};
  for (const q of QUERIES) {
    const built = buildSearch(CATALOG_KINDS.achievement.search, {
      q,
      tags: [],
      anyTags: [],
      status: 'published',
      sort: 'relevance',
      limit: 20,
      access,
    });
    results[q] = { ts: await median(client, built.page.text, built.page.values) };
  }
  await client.query('BEGIN');
  await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  const t = Date.now();
  await client.query(`CREATE INDEX bench_trgm ON achievement USING gin ((title || ' ' || summary) gin_trgm_ops)`);
  console.log(`pg_trgm index build: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  for (const q of QUERIES) {
    const terms = q.split(/\s+/);
    const where = terms.map((_, i) => `(title || ' ' || summary) ILIKE $${i + 1}`).join(' AND ');
    const sql = `SELECT id, title FROM achievement WHERE status = 'published' AND ${where}
                 ORDER BY similarity(title, $${terms.length + 1}) DESC, id LIMIT 20`;
    results[q].trgm = await median(client, sql, [...terms.map((x) => `%${x}%`), q]);
  }
  await client.query('ROLLBACK');
  console.log('| query | tsvector + jieba ms | pg_trgm ms | tsvector top 3 | pg_trgm top 3 |');
  console.log('|---|---|---|---|---|');
  for (const q of QUERIES) {
    const r = results[q];
    const top = (x?: { rows: { title: string }[] }) =>
      (x?.rows ?? [])
        .slice(0, 3)
        .map((row) => row.title)
        .join('；') || '（无结果）';
    console.log(`| ${q} | ${r.ts.ms.toFixed(1)} | ${r.trgm!.ms.toFixed(1)} | ${top(r.ts)} | ${top(r.trgm)} |`);
  }
  await client.end();
}

void main();
