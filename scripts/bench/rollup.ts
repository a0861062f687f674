import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { rebuildSetBased, rebuildSummary } from '@techmarket/rollup';
import { generateContracts } from './generate-contracts.js';

/**
 * `npm run bench -- --rollup --scale jilin|national [--contracts N] [--year 2025] [--registrations 100] [--tag T]`
 *
 * The roll-up benchmark (issue #10): a database `tm_bench_rollup_<scale>` with the Jilin demo
 * catalog (its organisations and patents) and N deterministic registered contracts (national:
 * 1,000,000; jilin: 25,000), kept between runs; the aggregates rebuilt set-based when any
 * registered contract lacks its contribution (timed; `rollup_summary` alone derived from the aggregates when
 * only it is empty). Then, in one run, the province (220000) and a
 * city (220100) dashboard for a year through the API (its answers kept under the roll-up version), the
 * same API started with `ROLLUP_STATISTICS_CACHE=off` (every request runs the statement) and the baseline
 * running that statement (statisticsSql().route), 16 connections each; and the registration of one contract
 * (`POST /contracts/{id}/register`, one at a time) by an API with the roll-up's in-transaction
 * handler and by one started with `ROLLUP_IN_TRANSACTION=off`; then the province dashboard again while
 * contracts register through the API (each registration drops the kept answers). Results: stdout and
 * docs/benchmarks/rollup-<scale>-<date>[-<tag>].md.
 */
export interface Measured {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

export interface RollupBenchTools {
  args: Record<string, string>;
  adminUrl: string;
  redisUrl: string;
  root: string;
  duration: number;
  connections: number;
  start: (main: string, env: NodeJS.ProcessEnv, ready: RegExp) => Promise<{ proc: ChildProcess; url: string }>;
  load: (url: string, headers: Record<string, string>) => Promise<Measured>;
}

const COUNTS: Record<string, number> = { small: 2_000, jilin: 25_000, national: 1_000_000 };
const SEED = 20261128;

export async function runRollupBench(t: RollupBenchTools) {
  const scale = t.args.scale ?? 'jilin';
  const count = Number(t.args.contracts ?? COUNTS[scale] ?? COUNTS.jilin);
  const year = t.args.year ?? '2025';
  const registrations = Number(t.args.registrations ?? 100);
  const dbName = `tm_bench_rollup_${scale}`;
  const dbUrl = t.adminUrl.replace(/\/[^/]*$/, `/${dbName}`);
  const log = (line: string) => console.log(line);
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ');
  log(`# roll-up benchmark scale=${scale} contracts=${count} duration=${t.duration}s connections=${t.connections}`);

  const admin = new pg.Client({ connectionString: t.adminUrl });
  await admin.connect();
  if (!(await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])).rowCount)
    await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  for (const cmd of [
    ['dist/scripts/db.js', 'setup'],
    ['dist/scripts/generate-demo.js', '--scale', 'jilin'],
  ]) {
    const r = spawnSync(process.execPath, cmd, { cwd: t.root, env: { ...process.env, DATABASE_URL: dbUrl }, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed`);
  }
  const db = new pg.Pool({ connectionString: dbUrl, max: 4 });
  const q = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows as T[];
  const notes: string[] = [];

  let started = Date.now();
  const generated = await generateContracts({ query: q }, { count, seed: SEED, log });
  const generateSeconds = (Date.now() - started) / 1000;
  if (!generated.skipped) notes.push(`Generated ${count} contracts (seed ${SEED}) in ${generateSeconds.toFixed(1)} s.`);
  log(generated.skipped ? `contracts present (${generated.contracts}), not generated` : `generated in ${generateSeconds.toFixed(1)} s`);

  const [missing] = await q<{ n: number }>(
    `SELECT count(*)::int AS n FROM tech_contract c WHERE c.status = 'registered'
        AND NOT EXISTS (SELECT 1 FROM rollup_contribution r WHERE r.contract_id = c.id)`,
  );
  if (missing.n > 0 || t.args.rebuild !== undefined) {
    const client = await db.connect();
    started = Date.now();
    try {
      await client.query('BEGIN');
      await client.query(`LOCK TABLE rollup_contribution, rollup_aggregate, rollup_summary IN EXCLUSIVE MODE`);
      await client.query(`DELETE FROM rollup_summary`);
      await client.query(`DELETE FROM rollup_aggregate`);
      await client.query(`DELETE FROM rollup_contribution`);
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
      const r = await rebuildSetBased({ query: async (sql: string, p?: unknown[]) => (await client.query(sql, p)).rows } as never, today);
      await client.query('COMMIT');
      const line = `Set-based rebuild: ${r.contracts} registered contracts → ${r.aggregates} aggregate rows in ${((Date.now() - started) / 1000).toFixed(1)} s (load ${load()}).`;
      notes.push(line);
      log(line);
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    } finally {
      client.release();
    }
    await q('VACUUM (ANALYZE) rollup_aggregate, rollup_summary, rollup_contribution, tech_contract');
  } else if (!(await q(`SELECT 1 FROM rollup_summary LIMIT 1`)).length && (await q(`SELECT 1 FROM rollup_aggregate LIMIT 1`)).length) {
    // A database from before rollup_summary: the migration made it empty; derived from the aggregates as the rebuild does.
    const client = await db.connect();
    started = Date.now();
    try {
      await client.query('BEGIN');
      await client.query(`LOCK TABLE rollup_contribution, rollup_aggregate, rollup_summary IN EXCLUSIVE MODE`);
      const n = await rebuildSummary({ query: async (sql: string, p?: unknown[]) => (await client.query(sql, p)).rows } as never);
      await client.query('COMMIT');
      const line = `rollup_summary derived from the aggregates: ${n} rows in ${((Date.now() - started) / 1000).toFixed(1)} s (load ${load()}).`;
      notes.push(line);
      log(line);
    } catch (e) {
      await client.query('ROLLBACK');
      throw e;
    } finally {
      client.release();
    }
    await q('VACUUM (ANALYZE) rollup_summary');
  }
  const [counts] = await q<Record<string, string>>(
    `SELECT (SELECT count(*) FROM tech_contract WHERE status = 'registered') AS registered,
            (SELECT count(*) FROM tech_contract) AS contracts,
            (SELECT count(*) FROM contract_payment) AS payments,
            (SELECT count(*) FROM tech_contract_patent) AS links,
            (SELECT count(*) FROM rollup_aggregate) AS aggregates,
            (SELECT count(*) FROM rollup_aggregate a JOIN tenant t ON t.id = a.tenant_id WHERE t.code = '220000') AS province_rows,
            (SELECT count(*) FROM rollup_aggregate a JOIN tenant t ON t.id = a.tenant_id WHERE t.code = '220000' AND a.month BETWEEN $1::date AND $2::date) AS province_year_rows,
            (SELECT count(*) FROM rollup_aggregate a JOIN tenant t ON t.id = a.tenant_id WHERE t.code = '220100' AND a.month BETWEEN $1::date AND $2::date) AS city_year_rows,
            pg_size_pretty(pg_total_relation_size('rollup_aggregate')) AS aggregate_size,
            (SELECT count(*) FROM rollup_summary) AS summary,
            (SELECT count(*) FROM rollup_summary s JOIN tenant t ON t.id = s.tenant_id WHERE t.code = '220000' AND s.month BETWEEN $1::date AND $2::date) AS province_year_summary,
            (SELECT count(*) FROM rollup_summary s JOIN tenant t ON t.id = s.tenant_id WHERE t.code = '220100' AND s.month BETWEEN $1::date AND $2::date) AS city_year_summary,
            pg_size_pretty(pg_total_relation_size('rollup_summary')) AS summary_size`,
    [`${year}-01-01`, `${year}-12-01`],
  );
  log(JSON.stringify(counts));

  const common = { DATABASE_URL: dbUrl, REDIS_URL: t.redisUrl, LOG_LEVEL: 'warn', PORT: '0', RATE_LIMIT_PER_MINUTE: '100000000' };
  const startApi = (extra: Record<string, string> = {}) =>
    t.start(
      'dist/apps/api/src/main.js',
      { ...common, RUN_WORKERS_IN_API: '1', REDIS_PREFIX: `benchrollup${process.pid}`, ...extra },
      /listening on (http:\/\/\S+)/,
    );
  const login = async (url: string, username: string) => {
    const res = await fetch(`${url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'Demo@2026' }),
    });
    return { authorization: `Bearer ${((await res.json()) as { accessToken: string }).accessToken}` };
  };
  const f = (m: Measured) => `${m.p50.toFixed(1)} / ${m.p95.toFixed(1)} / ${m.p99.toFixed(1)}`;
  const lines: string[] = [
    `# Benchmark — roll-up, ${scale} scale`,
    '',
    `Run ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB. ` +
      `${counts.registered} registered contracts (${counts.contracts} rows with superseded originals), ${counts.payments} payments, ` +
      `${counts.links} patent links; rollup_aggregate ${counts.aggregates} rows (${counts.aggregate_size}), province ${counts.province_rows} rows ` +
      `(${counts.province_year_rows} in ${year}), Changchun ${counts.city_year_rows} in ${year}; rollup_summary ${counts.summary} rows (${counts.summary_size}), ` +
      `province ${counts.province_year_summary} in ${year}, Changchun ${counts.city_year_summary}. autocannon ${t.connections} connections × ${t.duration} s per row, from the driver process.`,
    `Command: \`npm run bench -- --rollup --scale ${scale} --contracts ${count} --duration ${t.duration} --connections ${t.connections}\``,
    '',
    ...notes,
    '',
    '| dashboard | API req/s | API p50 / p95 / p99 ms | API, cache off: req/s | p50 / p95 / p99 ms | baseline req/s | baseline p50 / p95 / p99 ms | API ÷ baseline | cache off ÷ baseline | errors | load 1/5/15 after |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];

  const api = await startApi();
  // The same API with the statistics route's answer cache off: every request runs the statement (the per-request overhead against the baseline).
  const uncached = await startApi({ ROLLUP_STATISTICS_CACHE: 'off' });
  const baseline = await t.start('dist/scripts/bench/baseline-server.js', common, /baseline listening on (http:\/\/\S+)/);
  try {
    const [auth, authUncached] = [await login(api.url, 'province_admin'), await login(uncached.url, 'province_admin')];
    for (const [name, code] of [
      [`province 220000, ${year}`, '220000'],
      [`city 220100 (长春市), ${year}`, '220100'],
    ]) {
      const qs = new URLSearchParams({ tenantCode: code, period: year }).toString();
      for (const [url, headers] of [
        [api.url, auth],
        [uncached.url, authUncached],
      ] as const) {
        const warm = await fetch(`${url}/rollup/statistics?${qs}`, { headers });
        if (warm.status !== 200) throw new Error(`statistics ${warm.status}: ${await warm.text()}`);
      }
      await fetch(`${baseline.url}/rollup/statistics?${qs}`);
      const b = await t.load(`${baseline.url}/rollup/statistics?${qs}`, {});
      const u = await t.load(`${uncached.url}/rollup/statistics?${qs}`, authUncached);
      const a = await t.load(`${api.url}/rollup/statistics?${qs}`, auth);
      const line =
        `| ${name} | ${a.rps.toFixed(0)} | ${f(a)} | ${u.rps.toFixed(0)} | ${f(u)} | ${b.rps.toFixed(0)} | ${f(b)} | ` +
        `${(a.rps / b.rps).toFixed(2)} | ${(u.rps / b.rps).toFixed(2)} | ${a.errors + u.errors + b.errors} | ${load()} |`;
      lines.push(line);
      log(line);
    }
  } finally {
    baseline.proc.kill('SIGTERM');
    uncached.proc.kill('SIGTERM');
  }

  // Registration: N submitted contracts per mode, registered one after another by the province's reviewer.
  const parties = await q<{ seller: string; buyer: string; tenant: string }>(
    `SELECT s.id AS seller, b.id AS buyer, s.tenant_id AS tenant
       FROM organization s, organization b
      WHERE s.type = 'university_institute' AND b.type = 'enterprise' AND b.name NOT LIKE '省外%'
      ORDER BY s.id, b.id LIMIT 40`,
  );
  const submit = async (tag: string) => {
    const rows = await q<{ id: string }>(
      `INSERT INTO tech_contract (tenant_id, title, contract_type, sub_type, seller_org_id, buyer_org_id, amount_fen, tech_transaction_fen, signed_on, status, submitted_at, version)
       SELECT p.tenant, '登记基准合同' || $1 || '-' || g, 'development', 'commissioned', p.seller, p.buyer, 50000000, 40000000, current_date, 'submitted', now(), 1
         FROM generate_series(1, $2::int) g
         JOIN (SELECT row_number() OVER () AS k, * FROM unnest($3::uuid[], $4::uuid[], $5::uuid[]) AS u(seller, buyer, tenant)) p ON p.k = 1 + g % $6
       RETURNING id`,
      [tag, registrations, parties.map((p) => p.seller), parties.map((p) => p.buyer), parties.map((p) => p.tenant), parties.length],
    );
    return rows.map((r) => r.id);
  };
  const pct = (times: number[], p: number) =>
    [...times].sort((x, y) => x - y)[Math.min(times.length - 1, Math.floor((p / 100) * times.length))];
  const summary = (times: number[]) => ({
    p50: pct(times, 50),
    p95: pct(times, 95),
    mean: times.reduce((s, x) => s + x, 0) / times.length,
  });
  const registerOne = async (url: string, auth: Record<string, string>, id: string) => {
    const t0 = performance.now();
    const res = await fetch(`${url}/contracts/${id}/register`, { method: 'POST', headers: auth });
    await res.arrayBuffer();
    if (res.status >= 300) throw new Error(`register ${res.status}`);
    return performance.now() - t0;
  };
  const WARM = 5;
  lines.push(
    '',
    `Registering one contract (\`POST /contracts/{id}/register\` by province_reviewer, one request at a time): ${registrations} contracts per mode, ` +
      `alternating between two API processes on the same database — one with the roll-up's in-transaction handler, one started with ` +
      `\`ROLLUP_IN_TRANSACTION=off\` — the first ${WARM} of each not counted:`,
    '',
    '| mode | p50 ms | p95 ms | mean ms | load 1/5/15 after |',
    '|---|---|---|---|---|',
  );
  const off = await startApi({ ROLLUP_IN_TRANSACTION: 'off' });
  try {
    const tag = String(Date.now());
    const withIds = await submit(`${tag}a`);
    const withoutIds = await submit(`${tag}b`);
    const [authOn, authOff] = [await login(api.url, 'province_reviewer'), await login(off.url, 'province_reviewer')];
    const on: number[] = [];
    const without: number[] = [];
    for (let i = 0; i < registrations; i++) {
      const a = await registerOne(api.url, authOn, withIds[i]);
      const b = await registerOne(off.url, authOff, withoutIds[i]);
      if (i >= WARM) {
        on.push(a);
        without.push(b);
      }
    }
    const [x, y] = [summary(on), summary(without)];
    lines.push(`| with the roll-up handler | ${x.p50.toFixed(1)} | ${x.p95.toFixed(1)} | ${x.mean.toFixed(1)} | ${load()} |`);
    lines.push(`| handler off | ${y.p50.toFixed(1)} | ${y.p95.toFixed(1)} | ${y.mean.toFixed(1)} | ${load()} |`);
    lines.push(
      '',
      `Added by the handler: p50 ${(x.p50 - y.p50).toFixed(1)} ms, p95 ${(x.p95 - y.p95).toFixed(1)} ms, mean ${(x.mean - y.mean).toFixed(1)} ms.`,
    );
    log(lines.slice(-4).join('\n'));

    // The province dashboard while contracts register through the same API: every registration moves the
    // roll-up version, so the kept answer is dropped and the next request runs the statement again.
    const during = await submit(`${tag}m`);
    const authDashboard = await login(api.url, 'province_admin');
    let writing = true;
    let registered = 0;
    const writer = (async () => {
      for (const id of during) {
        if (!writing) break;
        await registerOne(api.url, authOn, id);
        registered++;
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    })();
    const qs = new URLSearchParams({ tenantCode: '220000', period: year }).toString();
    const m = await t.load(`${api.url}/rollup/statistics?${qs}`, authDashboard);
    writing = false;
    await writer;
    lines.push(
      '',
      `The province dashboard (API, kept answers) while contracts register through the same API, one after another with 150 ms ` +
        `between (${registered} registered during the ${t.duration} s; each drops the kept answers):`,
      '',
      '| dashboard | API req/s | API p50 / p95 / p99 ms | errors | load 1/5/15 after |',
      '|---|---|---|---|---|',
      `| province 220000, ${year}, during registrations | ${m.rps.toFixed(0)} | ${f(m)} | ${m.errors} | ${load()} |`,
    );
    log(lines.slice(-1)[0]);
  } finally {
    api.proc.kill('SIGTERM');
    off.proc.kill('SIGTERM');
    // The handler-off registrations are not in the aggregates: withdrawn, so registered contracts and
    // contributions stay one to one and the next run needs no rebuild.
    await q(
      `UPDATE tech_contract c SET status = 'cancelled', cancelled_at = now(), cancel_reason = '基准：关闭统计处理器的登记，未计入统计'
        WHERE c.status = 'registered' AND c.title LIKE '登记基准合同%' AND NOT EXISTS (SELECT 1 FROM rollup_contribution r WHERE r.contract_id = c.id)`,
    );
    await db.end();
  }
  await mkdir(path.join(t.root, 'docs/benchmarks'), { recursive: true });
  const out = path.join(
    t.root,
    `docs/benchmarks/rollup-${scale}-${new Date().toISOString().slice(0, 10)}${t.args.tag ? `-${t.args.tag}` : ''}.md`,
  );
  await writeFile(out, `${lines.join('\n')}\n`);
  log(`written ${path.relative(t.root, out)}`);
}
