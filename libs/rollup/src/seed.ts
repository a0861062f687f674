import type { DataSource } from 'typeorm';
import { SEEDED_TARGETS } from './kpis.js';

/**
 * The texts' targets for the province (the root tenant), loaded with the tenant tree; a target
 * already there (edited by the province admin) is kept. Returns how many were added.
 */
export async function seedRollupTargets(ds: DataSource): Promise<number> {
  const rows: unknown[] = await ds.query(
    `INSERT INTO rollup_target (tenant_id, year, kpi, value, growth_bp, source)
     SELECT (SELECT id FROM tenant WHERE parent_id IS NULL), d.year, d.kpi, d.value, d.growth_bp, d.source
       FROM jsonb_to_recordset($1::jsonb) AS d(year int, kpi varchar, value bigint, growth_bp int, source varchar)
     ON CONFLICT (tenant_id, year, kpi) DO NOTHING RETURNING id`,
    [
      JSON.stringify(
        SEEDED_TARGETS.map((t) => ({ year: t.year, kpi: t.kpi, value: t.value ?? null, growth_bp: t.growthBp ?? null, source: t.source })),
      ),
    ],
  );
  return rows.length;
}
