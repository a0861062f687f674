// Plain JavaScript: Jest loads globalSetup/globalTeardown outside its module registry (no TS, no
// path mapping), and the suites import the same helpers (types in run.d.ts).
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import pg from 'pg';

/**
 * Every database and Redis key a test run makes starts with `tmt_<unix seconds>_<6 hex>`: the
 * run id. A run only ever drops its own, plus those of runs older than TEST_STALE_HOURS (6 by
 * default), which are abandoned (PostgreSQL keeps no creation time, so it is in the name).
 * The prefix deliberately does not match `tm_test_%`, the names of the older harness, which
 * dropped every such database at start.
 */
export const RUN_PREFIX = 'tmt_';
const RUN_ID = /^tmt_(\d{10})_[0-9a-f]{6}/;

export function newRunId() {
  return `${RUN_PREFIX}${Math.floor(Date.now() / 1000)}_${randomBytes(3).toString('hex')}`;
}

/** The run this process belongs to (set by the global setup, inherited by the Jest workers). */
export function currentRun() {
  const run = process.env.TM_TEST_RUN;
  if (!run) throw new Error('TM_TEST_RUN is not set: run the tests through Jest (its global setup makes the run)');
  return {
    id: run,
    template: process.env.TM_TEST_TEMPLATE ?? `${run}_tpl`,
    dir: process.env.TM_TEST_RUN_DIR ?? path.join(os.tmpdir(), 'techmarket-tests', run),
  };
}

/** When a run started, read from a database name or Redis key; null if it is not a run's. */
export function runStartedAt(name) {
  const m = RUN_ID.exec(name);
  return m ? Number(m[1]) * 1000 : null;
}

const staleMs = () => Number(process.env.TEST_STALE_HOURS ?? 6) * 3600_000;

/** Milliseconds allowed for a process to say it is ready (a loaded CI machine needs minutes). */
export const startTimeoutMs = () => Number(process.env.TEST_START_TIMEOUT_MS ?? 180_000);

export function adminUrl() {
  const base = new URL(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = '/postgres';
  return base.toString();
}

export function databaseUrl(name) {
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

export const redisUrl = () => process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';

export async function withAdmin(fn) {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function withRedis(fn) {
  const r = new Redis(redisUrl(), { maxRetriesPerRequest: 2 });
  try {
    return await fn(r);
  } finally {
    await r.quit().catch(() => r.disconnect());
  }
}

/** Polls `probe` until it returns a truthy value; throws naming `what` after `timeoutMs`. */
export async function pollUntil(what, probe, { timeoutMs = 60_000, intervalMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(intervalMs);
  }
}

/**
 * The run's template: all migrations and the seed, with the same `dist/scripts/db.js setup`
 * that `npm start` runs (so the medium and e2e tiers need `npm run build`; the unit tier does not).
 */
export async function createTemplate(template) {
  if (!existsSync('dist/scripts/db.js'))
    throw new Error(
      'dist/scripts/db.js is missing: the medium and e2e tiers need `npm run build` (npm run test:medium / test:e2e build first)',
    );
  await withAdmin((c) => c.query(`CREATE DATABASE "${template}"`));
  try {
    await new Promise((resolve, reject) =>
      execFile(
        process.execPath,
        ['dist/scripts/db.js', 'setup'],
        { env: { ...process.env, DATABASE_URL: databaseUrl(template) } },
        (error, stdout, stderr) =>
          error ? reject(new Error(`building the template failed: ${error.message}\n${stdout}${stderr}`)) : resolve(),
      ),
    );
  } catch (e) {
    await dropDatabases([template]);
    throw e;
  }
}

export async function dropDatabases(names) {
  if (!names.length) return;
  await withAdmin(async (c) => {
    for (const name of names) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}

/** Databases of this run (`<run>_…`). */
export async function runDatabases(run) {
  return withAdmin(async (c) => {
    const { rows } = await c.query(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [`${run}_`]);
    return rows.map((r) => r.datname);
  });
}

/** Deletes Redis keys matching `pattern` (SCAN, never KEYS), except those `keep` accepts. */
export async function deleteRedisKeys(redis, pattern, keep = () => false) {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    const doomed = keys.filter((k) => !keep(k));
    if (doomed.length) deleted += await redis.unlink(...doomed);
  } while (cursor !== '0');
  return deleted;
}

/**
 * Removes what abandoned runs left behind: databases and Redis keys whose run id is older than
 * TEST_STALE_HOURS. Runs still going (any younger run, on this machine or another) are untouched.
 */
export async function cleanStaleRuns({ redis = true } = {}) {
  const cutoff = Date.now() - staleMs();
  const dropped = await withAdmin(async (c) => {
    const { rows } = await c.query(`SELECT datname FROM pg_database WHERE starts_with(datname, $1)`, [RUN_PREFIX]);
    const stale = rows.map((r) => r.datname).filter((n) => (runStartedAt(n) ?? Infinity) < cutoff);
    for (const name of stale) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    return stale;
  });
  const keys = redis ? await withRedis((r) => deleteRedisKeys(r, `${RUN_PREFIX}*`, (k) => (runStartedAt(k) ?? Infinity) >= cutoff)) : 0;
  return { databases: dropped, redisKeys: keys };
}

// ---------------------------------------------------------------------------------------------
// Processes: the API and the worker run as real child processes, their output in a log file of
// the run directory, so any process of the run (a Jest worker, the global teardown) can read it.

/** The state files of a run directory (which processes are running, where they listen). */
export function readStates(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ file: path.join(dir, f), state: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) }));
}

export function writeState(file, state) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(state, null, 2));
}

const readLog = (file) => (existsSync(file) ? readFileSync(file, 'utf8') : '');

/** True while `pid` runs (a zombie, exited but not yet reaped by its parent, counts as gone). */
export function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (macOS): kill(0) is all we know
  }
}

/** SIGTERM, then SIGKILL after 10 s; resolves once the process is gone. */
export async function stopPid(pid) {
  if (!isAlive(pid)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  try {
    await pollUntil(`process ${pid} to exit`, () => !isAlive(pid), { timeoutMs: 10_000, intervalMs: 50 });
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await pollUntil(`process ${pid} to die`, () => !isAlive(pid), { timeoutMs: 5_000, intervalMs: 50 }).catch(() => undefined);
  }
}

/**
 * Starts `node <script>` with `env`, its stdout and stderr written to `log` (a new file), and waits until the
 * log matches `ready` — at most TEST_START_TIMEOUT_MS (180 s by default). On a timeout or an early
 * exit the error carries everything the process printed. Resolves with the pid and the match.
 */
export async function startProcess({ script, env, log, ready, name }) {
  mkdirSync(path.dirname(log), { recursive: true });
  const fd = openSync(log, 'w');
  const proc = spawn(process.execPath, [script], { env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  appendSpawn(path.dirname(log), name);
  let exited = null;
  proc.on('exit', (code, signal) => (exited = { code, signal }));
  const timeoutMs = startTimeoutMs();
  const started = Date.now();
  for (;;) {
    const out = readLog(log);
    const m = ready.exec(out);
    if (m) {
      proc.unref(); // it may outlive the test file that started it (shared processes)
      return { pid: proc.pid, match: m, seconds: (Date.now() - started) / 1000 };
    }
    if (exited) {
      throw new Error(
        `${name} exited (code ${exited.code}, signal ${exited.signal}) before it was ready; its output (${log}):\n${out || '(nothing)'}`,
      );
    }
    if (Date.now() - started > timeoutMs) {
      proc.kill('SIGKILL');
      throw new Error(
        `${name} did not print ${ready} within ${timeoutMs / 1000} s (TEST_START_TIMEOUT_MS); its output (${log}):\n${out || '(nothing)'}`,
      );
    }
    await delay(100);
  }
}

/** One line per spawned process, so the teardown can say how many a run needed. */
function appendSpawn(dir, name) {
  writeFileSync(path.join(dir, 'spawned.txt'), `${name}\n`, { flag: 'a' });
}

export function spawnedProcesses(dir) {
  const file = path.join(dir, 'spawned.txt');
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}
