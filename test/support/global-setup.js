// Plain JavaScript: Jest loads globalSetup outside its module registry (no TS path mapping).
import { execFileSync } from 'node:child_process';
import pg from 'pg';

/**
 * Builds the template database once per run with the same command `npm start` uses
 * (`dist/scripts/db.js setup`: all migrations, the Jilin tenant tree, the demo accounts).
 * Each suite then clones it (see databases.ts).
 */
export default async function globalSetup() {
  const admin = new URL(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  admin.pathname = '/postgres';
  const c = new pg.Client({ connectionString: admin.toString() });
  await c.connect();
  try {
    const old = await c.query(`SELECT datname FROM pg_database WHERE datname LIKE 'tm\\_test\\_%'`);
    for (const { datname } of old.rows) await c.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "tm_test_template"`);
  } finally {
    await c.end();
  }
  const template = new URL(admin);
  template.pathname = '/tm_test_template';
  execFileSync(process.execPath, ['dist/scripts/db.js', 'setup'], {
    env: { ...process.env, DATABASE_URL: template.toString() },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
