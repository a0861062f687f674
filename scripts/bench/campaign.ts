import { type ChildProcess, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import nodemailer from 'nodemailer';
import pg from 'pg';

/**
 * `npm run bench -- --campaign [--mails 10000] [--rate 10000] [--concurrency 8]`
 *
 * The campaign benchmark (issue #12): a database `tm_bench_campaign` with the demo accounts, N
 * SME enterprises in 长春 (one mail address each, a published 现代农业 demand each) and 200
 * published open-licence patents (kept between runs). The SMTP server is `smtp-sink.ts` in its own
 * process; the API and the mail worker are their own processes too. In one run:
 *  1. baseline: the same number of mails straight through a pooled nodemailer transport from this
 *     process (no database, no queue) — what the SMTP server and loopback allow;
 *  2. a campaign to the N enterprises, launched through the API, timed from the launch to the
 *     last mail at the sink (mails/s), with the worker's peak RSS (VmHWM);
 *  3. a second campaign whose worker is killed (SIGKILL) once half the mails arrived, and
 *     restarted: mails per address at the sink (none doubled, none lost) and the rows left
 *     `unknown`. Results: stdout and docs/benchmarks/campaign-<date>.md.
 */
export interface CampaignBenchTools {
  args: Record<string, string>;
  adminUrl: string;
  redisUrl: string;
  root: string;
  start: (main: string, env: NodeJS.ProcessEnv, ready: RegExp) => Promise<{ proc: ChildProcess; url: string }>;
}

const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Peak and current resident set of a process, MiB (Linux /proc). */
function memory(pid: number): { peak: number; now: number } {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
  return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 };
}

async function prepare(t: CampaignBenchTools, dbName: string, dbUrl: string, mails: number) {
  const admin = new pg.Client({ connectionString: t.adminUrl });
  await admin.connect();
  if (!(await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [dbName])).rowCount)
    await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const r = spawnSync(process.execPath, ['dist/scripts/db.js', 'setup'], {
    cwd: t.root,
    env: { ...process.env, DATABASE_URL: dbUrl },
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('db setup failed');
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  const have = Number((await db.query(`SELECT count(*) FROM organization WHERE name LIKE '压测企业%'`)).rows[0].count);
  if (have < mails) {
    log(`generating ${mails - have} enterprises …`);
    // Spread over Changchun's counties; each an SME with one account and one published 现代农业 demand.
    await db.query(
      `WITH counties AS (SELECT array_agg(id ORDER BY code) AS ids, array_agg(code ORDER BY code) AS codes FROM tenant
                          WHERE parent_id = (SELECT id FROM tenant WHERE code = '220100')),
            made AS (
              INSERT INTO organization (name, type, tenant_id, division_code, is_sme)
              SELECT '压测企业' || lpad(g::text, 6, '0'), 'enterprise', c.ids[1 + g % cardinality(c.ids)], c.codes[1 + g % cardinality(c.codes)], true
                FROM generate_series($1::int, $2::int) g, counties c RETURNING id, tenant_id, name),
            users AS (
              INSERT INTO user_account (tenant_id, organization_id, username, display_name, email, password_hash, roles)
              SELECT tenant_id, id, 'bench_' || right(name, 6), name, 'bench' || right(name, 6) || '@firm.example.cn', 'x', ARRAY['enterprise_member'] FROM made)
       INSERT INTO demand (tenant_id, organization_id, status, published_at, title, description, field, version)
       SELECT tenant_id, id, 'published', now(), name || '的技术需求', '需要农业技术', 'modern_agriculture', 1 FROM made`,
      [have, mails - 1],
    );
  }
  const jlu = (await db.query(`SELECT id, tenant_id FROM organization WHERE name = '吉林大学'`)).rows[0];
  if (!Number((await db.query(`SELECT count(*) FROM patent WHERE title LIKE '压测专利%'`)).rows[0].count)) {
    await db.query(
      `WITH p AS (
         INSERT INTO patent (tenant_id, organization_id, status, published_at, application_number, title, abstract, patent_type, legal_status, field, open_licence, version)
         SELECT $1, $2, 'published', now(), '20211008' || lpad(g::text, 4, '0') || '.X', '压测专利' || g, '一种农业装置', 'invention', 'granted',
                CASE WHEN g % 2 = 0 THEN 'modern_agriculture' ELSE 'agri_processing' END, true, 1 FROM generate_series(1, 200) g RETURNING id)
       INSERT INTO open_licence (patent_id, tenant_id, fee_type, fee_fen, period_start, period_end)
       SELECT id, $1, 'lump_sum', 1000000, '2026-01-01', '2028-12-31' FROM p`,
      [jlu.tenant_id, jlu.id],
    );
  }
  // Each run starts without campaigns (the enterprises and patents stay).
  await db.query(`TRUNCATE campaign, campaign_delivery, campaign_unsubscribe, campaign_contact, campaign_conversion`);
  await db.end();
}

export async function runCampaignBench(t: CampaignBenchTools) {
  const mails = Number(t.args.mails ?? 10_000);
  const rate = t.args.rate ?? '10000';
  const concurrency = t.args.concurrency ?? '8';
  const dbName = 'tm_bench_campaign';
  const dbUrl = t.adminUrl.replace(/\/[^/]*$/, `/${dbName}`);
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' / ');
  log(`# campaign benchmark mails=${mails} rate=${rate}/s concurrency=${concurrency}`);
  await prepare(t, dbName, dbUrl, mails);

  const procs: ChildProcess[] = [];
  const started = async (main: string, env: NodeJS.ProcessEnv, ready: RegExp) => {
    const s = await t.start(main, env, ready);
    procs.push(s.proc);
    return s;
  };
  try {
    const sinkProc = await started('dist/scripts/bench/smtp-sink.js', {}, /sink (smtp:\/\/\S+ http:\/\/\S+)/);
    const [smtpUrl, countsUrl] = sinkProc.url.split(' ');
    const counts = async () => (await (await fetch(`${countsUrl}/counts`)).json()) as { total: number; distinct: number; doubled: number };
    const reset = () => fetch(countsUrl, { method: 'DELETE' });
    const common = {
      DATABASE_URL: dbUrl,
      REDIS_URL: t.redisUrl,
      REDIS_PREFIX: `benchcampaign${process.pid}`,
      SMTP_URL: smtpUrl,
      LOG_LEVEL: 'warn',
      PORT: '0',
      RATE_LIMIT_PER_MINUTE: '100000000',
      CAMPAIGN_MAIL_PER_SECOND: rate,
      CAMPAIGN_MAIL_CONCURRENCY: concurrency,
      CAMPAIGN_LOCK_MS: '5000',
    };
    const api = await started('dist/apps/api/src/main.js', { ...common, RUN_WORKERS_IN_API: '0' }, /listening on (http:\/\/\S+)/);
    const startWorker = () => started('dist/apps/worker/src/main.js', common, /(processing queues)/);

    // 1. Baseline: pooled nodemailer straight to the sink.
    const transport = nodemailer.createTransport({
      pool: true,
      maxConnections: Number(concurrency),
      maxMessages: Infinity,
      ...smtpTarget(smtpUrl),
    });
    const t0 = performance.now();
    const batch = 200;
    for (let i = 0; i < mails; i += batch)
      await Promise.all(
        Array.from({ length: Math.min(batch, mails - i) }, (_, k) =>
          transport.sendMail({
            from: 'bench@techmarket.local',
            to: `baseline${i + k}@firm.example.cn`,
            subject: '基线',
            text: '基线邮件'.repeat(40),
          }),
        ),
      );
    const baselineSeconds = (performance.now() - t0) / 1000;
    transport.close();
    log(
      `baseline (nodemailer pool, no queue/db): ${mails} mails in ${baselineSeconds.toFixed(1)} s = ${(mails / baselineSeconds).toFixed(0)} mails/s`,
    );
    await reset();

    const login = await fetch(`${api.url}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'province_admin', password: 'Demo@2026' }),
    });
    const auth = {
      authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`,
    };
    const apiCall = async (method: string, p: string, body?: object) => {
      const res = await fetch(`${api.url}${p}`, {
        method,
        headers: body ? { ...auth, 'content-type': 'application/json' } : auth,
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = (await res.json()) as Record<string, unknown>;
      if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const campaign = async (name: string) => {
      const c = await apiCall('POST', '/campaigns', {
        name,
        subject: `【吉林省科技大市场】开放许可专利推送（${name}）`,
        set: { kind: 'patent', openLicenceOnly: true },
        segment: { tenantCode: '220100', statuses: ['sme'] },
        itemsPerRecipient: 5,
      });
      const tp = performance.now();
      const preview = await apiCall('GET', `/campaigns/${c.id}/preview?limit=0`);
      return { id: c.id as string, recipients: preview.recipients as number, previewMs: performance.now() - tp };
    };
    const db = new pg.Pool({ connectionString: dbUrl, max: 2 });
    const states = async (id: string) =>
      Object.fromEntries(
        (await db.query(`SELECT state, count(*)::int AS n FROM campaign_delivery WHERE campaign_id = $1 GROUP BY state`, [id])).rows.map(
          (r) => [r.state, r.n],
        ),
      ) as Record<string, number>;

    // 2. A clean run.
    let worker = await startWorker();
    await sleep(2_000);
    const idle = memory(worker.proc.pid!).now;
    log(`worker RSS when idle: ${idle.toFixed(0)} MiB`);
    const a = await campaign('压测一');
    log(`campaign 1: preview of ${a.recipients} recipients in ${(a.previewMs / 1000).toFixed(1)} s`);
    const ta = performance.now();
    await apiCall('POST', `/campaigns/${a.id}/launch`);
    let peak = 0;
    for (;;) {
      peak = Math.max(peak, memory(worker.proc.pid!).peak);
      if ((await counts()).total >= a.recipients) break;
      await sleep(200);
    }
    const cleanSeconds = (performance.now() - ta) / 1000;
    const clean = await counts();
    const cleanStates = await states(a.id);
    log(
      `campaign 1: ${clean.total} mails in ${cleanSeconds.toFixed(1)} s (launch → last mail at the sink, planning included) = ${(clean.total / cleanSeconds).toFixed(0)} mails/s; ` +
        `worker peak RSS ${peak.toFixed(0)} MiB; distinct ${clean.distinct}, doubled ${clean.doubled}; rows ${JSON.stringify(cleanStates)}; load ${load()}`,
    );
    await reset();

    // 3. Killed half-way and restarted.
    const b = await campaign('压测二');
    await apiCall('POST', `/campaigns/${b.id}/launch`);
    while ((await counts()).total < b.recipients / 2) await sleep(50);
    const killPeak = memory(worker.proc.pid!).peak;
    worker.proc.kill('SIGKILL');
    const atKill = (await counts()).total;
    const tr = performance.now();
    worker = await startWorker();
    let settled: Record<string, number> = {};
    for (;;) {
      settled = await states(b.id);
      if ((settled.sent ?? 0) + (settled.unknown ?? 0) + (settled.bounced ?? 0) + (settled.failed ?? 0) >= b.recipients) break;
      await sleep(500);
    }
    const resumeSeconds = (performance.now() - tr) / 1000;
    await sleep(1_000); // let the sink count the last accepted message
    const killed = await counts();
    const perAddress = (await (await fetch(`${countsUrl}/addresses`)).json()) as Record<string, number>;
    const rows = (await db.query(`SELECT email, state FROM campaign_delivery WHERE campaign_id = $1`, [b.id])).rows as {
      email: string;
      state: string;
    }[];
    const lost = rows.filter((r) => r.state === 'sent' && !perAddress[r.email]).length;
    const unknownArrived = rows.filter((r) => r.state === 'unknown' && perAddress[r.email]).length;
    const peakAfter = memory(worker.proc.pid!).peak;
    log(
      `campaign 2: killed at ${atKill} mails (worker peak RSS ${killPeak.toFixed(0)} MiB), restarted; all rows settled ${resumeSeconds.toFixed(1)} s later; ` +
        `mails ${killed.total} to ${killed.distinct} addresses of ${b.recipients}; doubled ${killed.doubled}; sent-but-missing ${lost}; ` +
        `unknown ${settled.unknown ?? 0} (of which arrived ${unknownArrived}); rows ${JSON.stringify(settled)}; restarted worker peak RSS ${peakAfter.toFixed(0)} MiB`,
    );
    await db.end();

    const date = new Date().toISOString().slice(0, 10);
    const out = path.join(t.root, 'docs/benchmarks', `campaign-${date}.md`);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(
      out,
      [
        `# Campaign benchmark ${date}`,
        '',
        `Command: \`npm run bench -- --campaign --mails ${mails} --rate ${rate} --concurrency ${concurrency}\` (${os.cpus().length} CPUs, load ${load()})`,
        '',
        `Worker RSS when started and idle: ${idle.toFixed(0)} MiB.`,
        '',
        '| run | mails | seconds | mails/s | worker peak RSS (MiB) | doubled | lost | unknown |',
        '|---|---:|---:|---:|---:|---:|---:|---:|',
        `| baseline: nodemailer pool, no queue/db | ${mails} | ${baselineSeconds.toFixed(1)} | ${(mails / baselineSeconds).toFixed(0)} | – | – | – | – |`,
        `| campaign, clean | ${clean.total} | ${cleanSeconds.toFixed(1)} | ${(clean.total / cleanSeconds).toFixed(0)} | ${peak.toFixed(0)} | ${clean.doubled} | ${a.recipients - clean.distinct} | ${cleanStates.unknown ?? 0} |`,
        `| campaign, worker SIGKILLed at ${atKill} and restarted | ${killed.total} | – | – | ${Math.max(killPeak, peakAfter).toFixed(0)} | ${killed.doubled} | ${lost} | ${settled.unknown ?? 0} (${unknownArrived} arrived) |`,
        '',
      ].join('\n'),
    );
    log(`results: ${path.relative(t.root, out)}`);
  } finally {
    for (const p of procs) p.kill('SIGTERM');
    // The run's queues (its own prefix) go with it.
    const redis = new Redis(t.redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `benchcampaign${process.pid}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    await redis.quit();
  }
}

function smtpTarget(url: string) {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port), secure: false, ignoreTLS: true };
}
