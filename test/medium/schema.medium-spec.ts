import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/core/src/database/data-source-options.js';
import { allEntities, allMigrations } from '../../migrations/index.js';
import { createSuiteDatabase } from '../support/databases.js';

/** The entities and the committed migrations describe the same schema: nothing left to generate. */
describe('schema = migrations', () => {
  let db: Awaited<ReturnType<typeof createSuiteDatabase>>;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createSuiteDatabase();
    ds = await new DataSource(dataSourceOptions(db.url, allMigrations, allEntities)).initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('has no pending schema change', async () => {
    const sql = await ds.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('has run every migration, and every tenant-owned table has an indexed tenant_id with a foreign key', async () => {
    expect(await ds.showMigrations()).toBe(false);
    const { length } = await ds.query(`SELECT 1 FROM schema_migrations`);
    expect(length).toBe(allMigrations.length);
    const owned: { table_name: string }[] = await ds.query(
      `SELECT table_name FROM information_schema.columns WHERE column_name = 'tenant_id' AND table_schema = 'public'`,
    );
    expect(owned.length).toBeGreaterThanOrEqual(3);
    for (const { table_name } of owned) {
      const fk = await ds.query(
        `SELECT 1 FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)
          WHERE c.contype = 'f' AND c.conrelid = $1::regclass AND a.attname = 'tenant_id'`,
        [table_name],
      );
      const idx = await ds.query(`SELECT 1 FROM pg_indexes WHERE tablename = $1 AND indexdef LIKE '%(tenant_id%'`, [table_name]);
      expect([table_name, fk.length > 0, idx.length > 0]).toEqual([table_name, true, true]);
    }
  });

  it('answers ancestors and descendants with one query on the GiST index', async () => {
    const idx = await ds.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'tenant_path_gist_idx'`);
    expect(idx[0].indexdef).toMatch(/USING gist \(path\)/);
    // With 70 rows the planner rightly prefers a scan; forbid it to show the index serves the query.
    const plan: { 'QUERY PLAN': string }[] = await ds.transaction(async (em) => {
      await em.query('SET LOCAL enable_seqscan = off');
      return em.query(`EXPLAIN SELECT id FROM tenant WHERE path <@ '220000.220100'::ltree`);
    });
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/tenant_path_gist_idx/);
    const ancestors = await ds.query(`SELECT code FROM tenant WHERE path @> (SELECT path FROM tenant WHERE code = '220102') ORDER BY path`);
    expect(ancestors.map((r: { code: string }) => r.code)).toEqual(['220000', '220100', '220102']);
  });
});
