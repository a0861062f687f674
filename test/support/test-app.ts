import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import request from 'supertest';
import { createSuiteDatabase } from './databases.js';
import { startSmtp } from './smtp.js';

export const DEMO_PASSWORD = 'Demo@2026';
const MAIN = path.resolve('dist/apps/api/src/main.js');
const WORKER = path.resolve('dist/apps/worker/src/main.js');

export interface TestEnv {
  /** Base URLs of the running API processes (real HTTP on loopback). */
  urls: string[];
  http: (instance?: number) => request.Agent;
  db: pg.Pool;
  smtp: Awaited<ReturnType<typeof startSmtp>>;
  redisPrefix: string;
  login: (username: string, instance?: number) => Promise<{ accessToken: string; refreshToken: string }>;
  /** Bearer header for a demo user (logs in once and caches the token). */
  as: (username: string) => Promise<{ authorization: string }>;
  /** Starts `apps/worker` (BullMQ processors) as its own process on the same database, Redis and SMTP. */
  startWorker: () => Promise<void>;
  /** Everything an API process printed so far (stdout and stderr). */
  output: (instance?: number) => string;
  close: () => Promise<void>;
}

/** Starts a built app (the API by default) as its own process, exactly as production does, and waits for `ready`. */
function startApi(
  env: NodeJS.ProcessEnv,
  main = MAIN,
  ready = /listening on (http:\/\/\S+)/,
): Promise<{ proc: ChildProcess; url: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`API did not start:\n${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: m[1] ?? '', output: () => out });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`API exited with ${code}:\n${out}`));
    });
  });
}

function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    proc.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

/**
 * One suite's world: its own database (cloned from the template), its own Redis key prefix,
 * an in-process SMTP server, and `instances` API processes sharing them — several processes
 * show that nothing the product needs lives in one process's memory.
 */
export async function startTestEnv(opts: { instances?: number; env?: Record<string, string> } = {}): Promise<TestEnv> {
  const database = await createSuiteDatabase();
  const smtp = await startSmtp();
  const redisPrefix = `t${randomBytes(5).toString('hex')}`;
  const childEnv: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0',
    REDIS_PREFIX: redisPrefix,
    SMTP_URL: smtp.url,
    RUN_WORKERS_IN_API: '1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    ...opts.env,
  };
  const procs: ChildProcess[] = [];
  const urls: string[] = [];
  const outputs: (() => string)[] = [];
  try {
    for (let i = 0; i < (opts.instances ?? 1); i++) {
      const { proc, url, output } = await startApi(childEnv);
      procs.push(proc);
      urls.push(url);
      outputs.push(output);
    }
  } catch (e) {
    await Promise.all(procs.map(stop));
    await smtp.close();
    await database.drop();
    throw e;
  }
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  const tokens = new Map<string, string>();
  const env: TestEnv = {
    urls,
    http: (instance = 0) => request.agent(urls[instance]),
    db,
    smtp,
    redisPrefix,
    async login(username, instance = 0) {
      const res = await request(urls[instance]).post('/auth/login').send({ username, password: DEMO_PASSWORD });
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as { accessToken: string; refreshToken: string };
    },
    async as(username) {
      if (!tokens.has(username)) tokens.set(username, (await env.login(username)).accessToken);
      return { authorization: `Bearer ${tokens.get(username)}` };
    },
    output: (instance = 0) => outputs[instance](),
    async startWorker() {
      const { proc } = await startApi(childEnv, WORKER, /processing queues/);
      procs.push(proc);
    },
    async close() {
      await Promise.all(procs.map(stop));
      await db.end();
      await smtp.close();
      const redis = new Redis(childEnv.REDIS_URL!);
      const keys = await redis.keys(`${redisPrefix}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
      await database.drop();
    },
  };
  return env;
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
