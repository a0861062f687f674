import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Server-level URL used to create and drop the per-suite databases. */
export function adminUrl(): string {
  const base = new URL(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = '/postgres';
  return base.toString();
}

export function databaseUrl(name: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

export const TEMPLATE_DB = 'tm_test_template';

export async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * A fresh database for one test suite, cloned from the migrated and seeded template
 * (`CREATE DATABASE … TEMPLATE`, a file copy: much faster than migrating again).
 * Suites never share a database, so they run in parallel and in any order.
 */
export async function createSuiteDatabase(): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `tm_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdmin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}
