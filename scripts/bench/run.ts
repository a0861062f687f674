import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

/**
 * `npm run bench -- --scale jilin|national [--duration 15] [--connections 16]`
 * `npm run bench -- --rollup --scale jilin|national`: the roll-up's dashboards and registration (rollup.ts)
 * `npm run bench -- --matching-precision`: the matcher against full-text search on the labelled fixture (matching.ts)
 * `npm run bench -- --matching --scale jilin|national`: matching throughput for the demo enterprises (matching.ts)
 * `npm run bench -- --console --scale jilin`: the console's time to its first usable page (console.ts)
 * `npm run bench -- --campaign [--mails 10000]`: a campaign's mails through the worker, killed half-way (campaign.ts)
 *
 * This process is the load generator (autocannon, in-process here, so a second process
 * from the servers). It prepares a database `tm_bench_<scale>` with the demo catalog (kept
 * between runs), starts the API and the bare Fastify+pg baseline as their own processes,
 * and measures each query class against both in the same run, then times a 26,000-row
 * import. Results go to stdout and to docs/benchmarks/<scale>-<date>.md.
 */
/** `--name value` pairs; a flag with no value (last, or followed by another flag) is `'true'`. */
const args: Record<string, string> = Object.fromEntries(
  process.argv
    .slice(2)
    .flatMap((a, i, all) =>
      a.startsWith('--') ? [[a.slice(2), all[i + 1] === undefined || all[i + 1].startsWith('--') ? 'true' : all[i + 1]]] : [],
    ),
);
const scale = args.scale ?? 'jilin';
const duration = Number(args.duration ?? 15);
const connections = Number(args.connections ?? 16);
const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `tm_bench_${scale}`;
const dbUrl = adminUrl.replace(/\/[^/]*$/, `/${dbName}`);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';

const QUERIES: { name: string; query: Record<string, string> }[] = [
  { name: 'rare term 光刻', query: { q: '光刻' } },
  { name: 'common term 技术', query: { q: '技术' } },
  { name: 'two terms 复合材料 制备', query: { q: '复合材料 制备' } },
  { name: 'filtered 技术 + 新材料 + 长春市', query: { q: '技术', field: 'new_materials', tenantCode: '220100' } },
  { name: 'keyset list (newest)', query: { sort: 'newest' } },
];

function log(line: string) {
  console.log(line);
}

async function prepareDatabase() {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])).rowCount;
  if (!exists) await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const env = { ...process.env, DATABASE_URL: dbUrl };
  for (const cmd of [
    ['dist/scripts/db.js', 'setup'],
    ['dist/scripts/generate-demo.js', '--scale', scale],
  ]) {
    const r = spawnSync(process.execPath, cmd, { cwd: root, env, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${cmd.join(' ')} failed`);
  }
}

function start(main: string, env: NodeJS.ProcessEnv, ready: RegExp): Promise<{ proc: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [main], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (c: Buffer) => {
      out += c.toString();
      const m = ready.exec(out);
      if (m) resolve({ proc, url: m[1] });
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`${main} exited ${code}: ${out}`)));
  });
}

interface Measured {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

/** Runs autocannon and computes exact percentiles from every response time. */
function load(url: string, headers: Record<string, string>): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    let errors = 0;
    const inst = autocannon({ url, connections, duration, headers }, (err, result) => {
      if (err) return reject(err);
      times.sort((a, b) => a - b);
      const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? NaN;
      resolve({ rps: result.requests.average, p50: pct(50), p95: pct(95), p99: pct(99), errors: errors + result.errors + result.non2xx });
    });
    inst.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status >= 400) errors++;
      times.push(ms);
    });
  });
}

async function main() {
  if ('rollup' in args) {
    const { runRollupBench } = await import('./rollup.js');
    return runRollupBench({ args, adminUrl, redisUrl, root, duration, connections, start, load });
  }
  if ('matching' in args || 'matching-precision' in args) {
    const { runMatchingBench } = await import('./matching.js');
    return runMatchingBench({ args, adminUrl, root, prepareDatabase, dbUrl });
  }
  if ('console' in args) {
    const { runConsoleBench } = await import('./console.js');
    return runConsoleBench({ args, root, redisUrl, dbUrl, prepareDatabase, start });
  }
  if ('campaign' in args) {
    const { runCampaignBench } = await import('./campaign.js');
    return runCampaignBench({ args, adminUrl, redisUrl, root, start });
  }
  log(`# benchmark scale=${scale} duration=${duration}s connections=${connections}`);
  await prepareDatabase();
  const db = new pg.Pool({ connectionString: dbUrl });
  // As autovacuum would have by now: statistics and the visibility map after the bulk load.
  await db.query('VACUUM (ANALYZE) achievement');
  const counts = (
    await db.query(
      `SELECT (SELECT count(*) FROM achievement)::int AS achievements, (SELECT count(*) FROM achievement WHERE status = 'published')::int AS published`,
    )
  ).rows[0];
  const broker = (
    await db.query(
      `SELECT u.id AS "userId", u.username, t.id AS "tenantId", t.code AS "tenantCode", t.tier AS "tenantTier", u.organization_id AS "organizationId",
              u.roles, ARRAY(SELECT s.id FROM tenant s WHERE s.path <@ t.path) AS "subtreeTenantIds"
         FROM user_account u JOIN tenant t ON t.id = u.tenant_id WHERE u.username = 'changchun_broker'`,
    )
  ).rows[0];
  const common = { DATABASE_URL: dbUrl, REDIS_URL: redisUrl, LOG_LEVEL: 'warn', PORT: '0' };
  const api = await start(
    'dist/apps/api/src/main.js',
    { ...common, RATE_LIMIT_PER_MINUTE: '100000000', RUN_WORKERS_IN_API: '1', REDIS_PREFIX: `bench${process.pid}` },
    /listening on (http:\/\/\S+)/,
  );
  const baseline = await start(
    'dist/scripts/bench/baseline-server.js',
    { ...common, BENCH_PRINCIPAL: JSON.stringify(broker) },
    /baseline listening on (http:\/\/\S+)/,
  );
  const login = await fetch(`${api.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'changchun_broker', password: 'Demo@2026' }),
  });
  const auth = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };

  const lines: string[] = [
    `# Benchmark — ${scale} scale`,
    '',
    `Run ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0].model}, ${Math.round(os.totalmem() / 2 ** 30)} GiB; ` +
      `${counts.achievements} achievements (${counts.published} published). autocannon ${connections} connections × ${duration} s per row, from the driver process.`,
    `Command: \`npm run bench -- --scale ${scale} --duration ${duration} --connections ${connections}\``,
    '',
    '| query | API req/s | API p50 / p95 / p99 ms | baseline req/s | baseline p50 / p95 / p99 ms | API ÷ baseline | errors |',
    '|---|---|---|---|---|---|---|',
  ];
  const tops: string[] = [];
  try {
    for (const { name, query } of QUERIES) {
      const qs = new URLSearchParams({ ...query, limit: '20' }).toString();
      // Warm both once, then measure the baseline and the API back to back.
      await fetch(`${baseline.url}/achievements?${qs}`);
      const sample = (await (await fetch(`${api.url}/achievements?${qs}`, { headers: auth })).json()) as {
        items: { title: string; organizationName: string }[];
        total: number;
        totalIsCapped: boolean;
      };
      const b = await load(`${baseline.url}/achievements?${qs}`, {});
      const a = await load(`${api.url}/achievements?${qs}`, auth);
      const f = (m: Measured) => `${m.p50.toFixed(1)} / ${m.p95.toFixed(1)} / ${m.p99.toFixed(1)}`;
      const line = `| ${name} | ${a.rps.toFixed(0)} | ${f(a)} | ${b.rps.toFixed(0)} | ${f(b)} | ${(a.rps / b.rps).toFixed(2)} | ${a.errors + b.errors} |`;
      lines.push(line);
      log(line);
      tops.push(
        `- **${name}** (${sample.totalIsCapped ? `${sample.total}+` : sample.total} matches): ${sample.items
          .slice(0, 5)
          .map((i) => `${i.title}（${i.organizationName}）`)
          .join('；')}`,
      );
    }
    lines.push('', 'Top 5 results of each query (relevance as shown to the user):', '', ...tops);

    // Import of a 26,000-row achievements file (new external ids each run, removed afterwards).
    const tag = `BENCH${Date.now()}`;
    const header = '外部编号,成果名称,成果简介,产业领域,关键词,成熟度,技术就绪度,转化方式,挂牌价（元）,面议';
    const rows = Array.from(
      { length: 26_000 },
      (_, i) =>
        `${tag}-${i},基准导入成果${i}号碳纤维复合材料制备技术,本成果用于导入性能测试第${i}行，面向汽车轻量化。,新材料,碳纤维；复合材料,中试,6,许可；转让,1000000,否`,
    );
    const file = Buffer.from([header, ...rows].join('\n'));
    const jlu = await fetch(`${api.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'jlu_member', password: 'Demo@2026' }),
    });
    const jluAuth = { authorization: `Bearer ${((await jlu.json()) as { accessToken: string }).accessToken}` };
    const form = new FormData();
    form.append('file', new Blob([file]), 'bench.csv');
    const started = Date.now();
    const created = (await (
      await fetch(`${api.url}/imports?kind=achievement`, { method: 'POST', headers: jluAuth, body: form })
    ).json()) as { id: string };
    let status: { status: string; insertedRows: number; errorCount: number; createdAt: string; finishedAt: string };
    do {
      await new Promise((r) => setTimeout(r, 250));
      status = (await (await fetch(`${api.url}/imports/${created.id}`, { headers: jluAuth })).json()) as typeof status;
    } while (['queued', 'running'].includes(status.status));
    const seconds = (Date.now() - started) / 1000;
    const line = `Import of a 26,000-row CSV (${(file.length / 1e6).toFixed(1)} MB): ${status.status}, ${status.insertedRows} inserted, ${status.errorCount} errors, ${seconds.toFixed(1)} s from upload to done.`;
    lines.push('', line);
    log(line);
    await db.query(`DELETE FROM achievement_patent WHERE achievement_id IN (SELECT id FROM achievement WHERE external_id LIKE $1)`, [
      `${tag}-%`,
    ]);
    await db.query(`DELETE FROM achievement WHERE external_id LIKE $1`, [`${tag}-%`]);
  } finally {
    api.proc.kill('SIGTERM');
    baseline.proc.kill('SIGTERM');
    await db.end();
  }
  await mkdir(path.join(root, 'docs/benchmarks'), { recursive: true });
  const out = path.join(root, `docs/benchmarks/${scale}-${new Date().toISOString().slice(0, 10)}.md`);
  await writeFile(out, `${lines.join('\n')}\n`);
  log(`written ${path.relative(root, out)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
