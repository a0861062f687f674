import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import pg from 'pg';
import request from 'supertest';
import { createSuiteDatabase } from './databases.js';
import { until } from './poll.js';
import {
  currentRun,
  databaseUrl,
  deleteRedisKeys,
  isAlive,
  type ProcessInfo,
  redisUrl,
  type RunState,
  startProcess,
  startTimeoutMs,
  stopPid,
  withAdmin,
  withRedis,
  writeState,
} from './run.js';
import { type Mailbox, sharedMailbox, startSmtp } from './smtp.js';

export const DEMO_PASSWORD = 'Demo@2026';
const MAIN = path.resolve('dist/apps/api/src/main.js');
const WORKER = path.resolve('dist/apps/worker/src/main.js');
const API_READY = /listening on (http:\/\/\S+)/;
const WORKER_READY = /processing queues/;

/**
 * Timeout for a beforeAll/beforeEach that may start API processes: their start-up deadline
 * (TEST_START_TIMEOUT_MS, 180 s by default) plus time to settle the previous suite's jobs.
 */
export const SETUP_TIMEOUT_MS = startTimeoutMs() + 120_000;

export interface TestEnv {
  /** Base URLs of the running API processes (real HTTP on loopback). */
  urls: string[];
  http: (instance?: number) => request.Agent;
  db: pg.Pool;
  smtp: Mailbox;
  redisPrefix: string;
  login: (username: string, instance?: number) => Promise<{ accessToken: string; refreshToken: string }>;
  /** Bearer header for a demo user (logs in once and caches the token). */
  as: (username: string) => Promise<{ authorization: string }>;
  /** Starts `apps/worker` (BullMQ processors) as its own process on the same database, Redis and SMTP; its pid. */
  startWorker: () => Promise<number>;
  /** Everything an API process printed so far (stdout and stderr). */
  output: (instance?: number) => string;
  close: () => Promise<void>;
}

/** The environment of an API or worker process: as production, on the suite's database, Redis prefix and SMTP server. */
function processEnv(database: string, redisPrefix: string, smtpUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: databaseUrl(database),
    REDIS_URL: redisUrl(),
    REDIS_PREFIX: redisPrefix,
    SMTP_URL: smtpUrl,
    RUN_WORKERS_IN_API: '1',
    // Not silent: a process that cannot start must say why (e.g. TypeORM retrying a database).
    // Request lines are logged at info, so they stay out.
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    RATE_LIMIT_PER_MINUTE: '100000',
    ...extra,
  };
}

async function startApi(env: NodeJS.ProcessEnv, log: string, name: string): Promise<ProcessInfo> {
  const { pid, match } = await startProcess({ script: MAIN, env, log, ready: API_READY, name });
  return { pid, url: match[1], log };
}

/**
 * The suite's own connections (`env.db`). The harness drops databases under idle connections
 * (`DROP DATABASE … WITH (FORCE)`), and a pool that is just ending may still hold one: the error
 * that PostgreSQL then sends is expected, not a failure of the suite.
 */
function testPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  return pool;
}

const readLog = (log: string) => (existsSync(log) ? readFileSync(log, 'utf8') : '');

/** Seconds until a JWT expires (its `exp` claim). */
const secondsLeft = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()).exp - Date.now() / 1000;

function makeEnv(parts: {
  urls: string[];
  logs: string[];
  db: pg.Pool;
  smtp: Mailbox;
  redisPrefix: string;
  startWorker: () => Promise<number>;
  close: () => Promise<void>;
  tokens?: Map<string, string>;
}): TestEnv {
  const tokens = parts.tokens ?? new Map<string, string>();
  const env: TestEnv = {
    urls: parts.urls,
    http: (instance = 0) => request.agent(parts.urls[instance]),
    db: parts.db,
    smtp: parts.smtp,
    redisPrefix: parts.redisPrefix,
    async login(username, instance = 0) {
      const res = await request(parts.urls[instance]).post('/auth/login').send({ username, password: DEMO_PASSWORD });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as { accessToken: string; refreshToken: string };
    },
    async as(username) {
      const cached = tokens.get(username);
      if (!cached || secondsLeft(cached) < 120) tokens.set(username, (await env.login(username)).accessToken);
      return { authorization: `Bearer ${tokens.get(username)}` };
    },
    output: (instance = 0) => readLog(parts.logs[instance]),
    startWorker: parts.startWorker,
    close: parts.close,
  };
  return env;
}

/**
 * A suite's own world, for suites that need settings of their own (login limits, a rate limit,
 * info logging, no in-process workers): its own database (cloned from the template), its own
 * Redis key prefix, an in-process SMTP server, and `instances` API processes sharing them —
 * several processes show that nothing the product needs lives in one process's memory.
 * Other suites use `useSharedApi()`, which starts no process of its own.
 */
export async function startTestEnv(opts: { instances?: number; env?: Record<string, string> } = {}): Promise<TestEnv> {
  const run = currentRun();
  const id = `s${randomBytes(4).toString('hex')}`;
  const stateFile = path.join(run.dir, `own-${id}.json`);
  const database = await createSuiteDatabase();
  const smtp = await startSmtp();
  const redisPrefix = `${run.id}:${id}`;
  const childEnv = processEnv(database.name, redisPrefix, smtp.url, opts.env);
  const state: RunState = { processes: [], database: database.name, redisPrefix };
  const started = (p: ProcessInfo) => {
    state.processes.push(p);
    writeState(stateFile, state); // so the global teardown can stop it if this suite never gets to close()
    return p;
  };
  const stopAll = () => Promise.all(state.processes.map((p) => stopPid(p.pid)));
  let apis: ProcessInfo[];
  try {
    const starts = Array.from({ length: opts.instances ?? 1 }, (_, i) =>
      startApi(childEnv, path.join(run.dir, `${id}-api${i}.log`), `suite-api ${id}#${i}`).then(started),
    );
    const settled = await Promise.allSettled(starts);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    apis = settled.map((s) => (s as PromiseFulfilledResult<ProcessInfo>).value);
  } catch (e) {
    await stopAll();
    rmSync(stateFile, { force: true });
    await smtp.close();
    await database.drop();
    throw e;
  }
  const db = testPool(database.url);
  return makeEnv({
    urls: apis.map((a) => a.url!),
    logs: apis.map((a) => a.log),
    db,
    smtp,
    redisPrefix,
    async startWorker() {
      const log = path.join(run.dir, `${id}-worker.log`);
      const { pid } = await startProcess({ script: WORKER, env: childEnv, log, ready: WORKER_READY, name: `worker ${id}` });
      started({ pid, log });
      return pid;
    },
    async close() {
      await stopAll();
      rmSync(stateFile, { force: true });
      await db.end();
      await smtp.close();
      await withRedis((r) => deleteRedisKeys(r, `${redisPrefix}:*`));
      await database.drop();
    },
  });
}

// ---------------------------------------------------------------------------------------------
// The shared API: one per Jest worker, started by the first suite of that worker that needs it and
// kept for the whole run (the global teardown stops it). Suites run one after another in a worker,
// so each gets the process to itself, on a fresh database.

const workerId = () => process.env.JEST_WORKER_ID ?? '1';

/**
 * Access tokens of the demo accounts, kept across the fresh databases of one test file (the
 * policy suite makes one per test): every clone holds the template's accounts with the same ids,
 * and an access token is a signed JWT checked against the database and the (emptied) deny-list
 * on each request, so a kept token works exactly as a new one — without a password hash to check
 * (argon2, the costliest part of a login) for every account in every test. Refresh tokens live in
 * the database and are never kept: a test that needs one calls env.login().
 */
const sharedTokens = new Map<string, string>();

/** BullMQ keys live under `<prefix>:bull:<queue>:…`; the queues are found from them. */
async function queueNames(redis: Redis, prefix: string): Promise<string[]> {
  const names = new Set<string>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:bull:*`, 'COUNT', 1000);
    cursor = next;
    for (const k of keys) names.add(k.slice(`${prefix}:bull:`.length).split(':')[0]);
  } while (cursor !== '0');
  return [...names];
}

/**
 * Lets the previous suite's background jobs (mail, policy events, imports) finish against the
 * previous suite's database, then drops what can only fail later (retries waiting with a delay).
 * The BullMQ keys themselves stay: the processes' workers are blocked reading them.
 */
async function settleQueues(prefix: string): Promise<void> {
  await withRedis(async (redis) => {
    const queues = (await queueNames(redis, prefix)).map((name) => new Queue(name, { prefix: `${prefix}:bull`, connection: redis }));
    try {
      await until(
        `the background jobs of the previous suite (${prefix}) to finish`,
        async () => {
          const counts = await Promise.all(queues.map((q) => q.getJobCounts('active', 'wait', 'prioritized', 'waiting-children')));
          return counts.every((c) => Object.values(c).every((n) => n === 0));
        },
        120_000,
      );
      for (const q of queues) await q.drain(true);
    } finally {
      await Promise.all(queues.map((q) => q.close()));
    }
  });
}

/**
 * Waits until an API process answers /health with 200 on its (new) database. One request at a
 * time: the connections the swap killed have already left the pool (PostgreSQL tells each one
 * before DROP DATABASE returns, and the pool drops a connection that reports an error), which a
 * burst of requests right after the swap confirmed. A burst would also leave a pool of warm
 * connections the original one-process-per-suite harness never had, and change the timing the
 * suites see (see catalog-import: the status right after an upload).
 */
async function healthy(url: string): Promise<void> {
  await until(
    `${url}/health to answer 200`,
    () =>
      request(url)
        .get('/health')
        .then((r) => r.status === 200)
        .catch(() => false),
    startTimeoutMs(),
  );
}

/**
 * The world of a suite that needs no special settings: the Jest worker's shared API process(es),
 * switched to a fresh database — the worker's database is dropped and cloned again from the
 * template — with the non-BullMQ Redis keys of its prefix deleted (caches, throttles, revoked
 * tokens), the principal caches invalidated (authorisation epoch bumped) and its mailbox emptied.
 * `instances: 2` adds a second process on the same database, Redis and SMTP (kept for the run).
 */
export async function useSharedApi(opts: { instances?: 1 | 2 } = {}): Promise<TestEnv> {
  const run = currentRun();
  const worker = workerId();
  const stateFile = path.join(run.dir, `shared-w${worker}.json`);
  const database = `${run.id}_w${worker}`;
  const redisPrefix = `${run.id}:w${worker}`;
  const smtp = sharedMailbox(worker);
  const state: RunState = existsSync(stateFile)
    ? (JSON.parse(readFileSync(stateFile, 'utf8')) as RunState)
    : { processes: [], database, redisPrefix };

  const wanted = opts.instances ?? 1;
  // Exactly the processes asked for: a second one left by an earlier suite would also consume the
  // queues (RUN_WORKERS_IN_API), so a suite that asked for one would not get the world it expects.
  const live: ProcessInfo[] = [];
  const missing: number[] = [];
  for (let i = 0; i < Math.max(wanted, state.processes.length); i++) {
    const known = state.processes[i];
    const alive = known && isAlive(known.pid);
    if (alive && i < wanted) live[i] = known;
    else if (alive) await stopPid(known.pid);
    else {
      if (known) console.warn(`shared API w${worker}#${i} (pid ${known.pid}) had exited; its output:\n${readLog(known.log)}`);
      if (i < wanted) missing.push(i);
    }
  }
  state.processes = live;
  writeState(stateFile, state);

  await settleQueues(redisPrefix);
  await withAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${database}" TEMPLATE "${run.template}"`);
  });
  await withRedis(async (redis) => {
    const epoch = `${redisPrefix}:authz-epoch`;
    await deleteRedisKeys(redis, `${redisPrefix}:*`, (k) => k.startsWith(`${redisPrefix}:bull:`) || k === epoch);
    // Processes cache principals under the epoch; a new value makes every cached one stale.
    await redis.incr(epoch);
  });
  await smtp.clear();

  const childEnv = processEnv(database, redisPrefix, smtp.url);
  const starts = await Promise.allSettled(
    missing.map(async (i) => {
      const log = path.join(run.dir, `w${worker}-api${i}-${randomBytes(2).toString('hex')}.log`);
      state.processes[i] = await startApi(childEnv, log, `shared-api w${worker}#${i}`);
      writeState(stateFile, state);
    }),
  );
  const failed = starts.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  // After the swap every pooled connection of the processes is gone; wait until they answer on the new database.
  await Promise.all(state.processes.map((p) => healthy(p.url!)));
  const apis = state.processes.slice(0, wanted);

  const db = testPool(databaseUrl(database));
  return makeEnv({
    urls: apis.map((p) => p.url!),
    logs: apis.map((p) => p.log),
    db,
    smtp,
    redisPrefix,
    startWorker: () => Promise.reject(new Error('the shared API runs its workers in-process; use startTestEnv() for a separate worker')),
    close: () => db.end(),
    tokens: sharedTokens,
  });
}

export const CATALOG_TABLES = ['achievement', 'achievement_patent', 'patent', 'open_licence', 'demand', 'expert'];

/** Every row of the tables a request could touch, to prove a refused request changed nothing. */
export async function snapshot(
  db: pg.Pool,
  tables = ['tenant', 'organization', 'user_account', 'refresh_token', 'audit_log', ...CATALOG_TABLES],
): Promise<string> {
  const parts: string[] = [];
  for (const t of tables) {
    const { rows } = await db.query(`SELECT * FROM ${t} ORDER BY 1, 2`);
    parts.push(JSON.stringify(rows));
  }
  return parts.join('\n');
}
