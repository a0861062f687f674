// Plain JavaScript: see global-setup.js.
import { dropDatabases, readStates, removeDir, runDatabases, spawnedProcesses, stopPid, withRedis, deleteRedisKeys } from './run.js';

/**
 * Stops every process the run started that is still running (the shared API processes, and any
 * left by a suite that failed before its afterAll), closes the mail sinks, and removes exactly
 * this run's databases, Redis keys and directory. Idempotent: with several projects in one
 * invocation it runs once per project.
 */
export default async function globalTeardown() {
  const g = globalThis;
  const dir = process.env.TM_TEST_RUN_DIR;
  const run = process.env.TM_TEST_RUN;
  if (!run) return;
  if (dir) {
    const pids = readStates(dir).flatMap(({ state }) => (state.processes ?? []).filter(Boolean).map((p) => p.pid));
    await Promise.all(pids.map(stopPid));
    const spawned = spawnedProcesses(dir);
    if (spawned.length) {
      const byKind = {};
      for (const name of spawned) byKind[name.split(' ')[0]] = (byKind[name.split(' ')[0]] ?? 0) + 1;
      console.log(
        `[tests] processes started by this run: ${Object.entries(byKind)
          .map(([k, n]) => `${n} ${k}`)
          .join(', ')}`,
      );
    }
  }
  if (g.__techmarketSinks) {
    await g.__techmarketSinks.close();
    g.__techmarketSinks = undefined;
  }
  await dropDatabases(await runDatabases(run));
  if (g.__techmarketRun?.e2e) {
    await withRedis((r) => deleteRedisKeys(r, `${run}:*`));
    if (dir && !process.env.TEST_KEEP_LOGS) removeDir(dir);
  }
}
