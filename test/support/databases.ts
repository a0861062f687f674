import { randomBytes } from 'node:crypto';
import { currentRun, databaseUrl, dropDatabases, withAdmin } from './run.js';

export { adminUrl, databaseUrl, withAdmin } from './run.js';

/**
 * A fresh database for one test suite, cloned from the run's migrated and seeded template
 * (`CREATE DATABASE … TEMPLATE`, a file copy: much faster than migrating again), named after the
 * run so that only this run ever drops it. Suites never share one, so they run in parallel and in
 * any order.
 */
export async function createSuiteDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const run = currentRun();
  const name = `${run.id}_c${randomBytes(4).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${run.template}"`));
  return { name, url: databaseUrl(name), drop: () => dropDatabases([name]) };
}
