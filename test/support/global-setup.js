// Plain JavaScript: Jest loads globalSetup outside its module registry (no TS path mapping).
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanStaleRuns, createTemplate, newRunId } from './run.js';
import { startSinks } from './smtp-sink.js';

/**
 * Global setup of the medium and e2e tiers (the unit tier has none).
 *
 * Once per Jest invocation: a run id (`tmt_<unix seconds>_<hex>`), the removal of what runs older
 * than TEST_STALE_HOURS abandoned, and the run's template database, built with the same
 * `dist/scripts/db.js setup` as `npm start` (all migrations, the tenant tree, the demo accounts).
 * Suites clone the template (`CREATE DATABASE … TEMPLATE`, a file copy).
 *
 * For e2e also: the run directory (process logs and state) and one SMTP sink per Jest worker for
 * the shared API processes, hosted here because this process lives for the whole run.
 * Everything reaches the Jest workers as environment variables (TM_TEST_*).
 */
export default async function globalSetup(globalConfig, projectConfig) {
  const tier = projectConfig.displayName?.name ?? 'tests';
  const g = globalThis;
  if (!g.__techmarketRun) {
    const run = newRunId();
    const stale = await cleanStaleRuns({ redis: tier === 'e2e' });
    if (stale.databases.length || stale.redisKeys)
      console.log(`\n[tests] removed what abandoned runs left: ${stale.databases.length} databases, ${stale.redisKeys} Redis keys`);
    const template = `${run}_tpl`;
    await createTemplate(template);
    g.__techmarketRun = { run, template };
    Object.assign(process.env, {
      TM_TEST_RUN: run,
      TM_TEST_TEMPLATE: template,
      TM_TEST_RUN_DIR: path.join(os.tmpdir(), 'techmarket-tests', run),
    });
  }
  if (tier === 'e2e' && !g.__techmarketSinks) {
    mkdirSync(process.env.TM_TEST_RUN_DIR, { recursive: true });
    const sinks = await startSinks(globalConfig.maxWorkers);
    g.__techmarketSinks = sinks;
    g.__techmarketRun.e2e = true;
    Object.assign(process.env, { TM_TEST_SMTP_PORTS: JSON.stringify(sinks.ports), TM_TEST_MAIL_READ_URL: sinks.readUrl });
  }
}
