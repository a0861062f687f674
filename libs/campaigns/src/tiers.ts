import type { DataSource } from 'typeorm';

/** A tenant as the funnels report on it. */
export interface TierTenant {
  id: string;
  code: string;
  name: string;
  /** ltree path of GB/T 2260 codes. */
  path: string;
}

/** The tenant of a code, or undefined. */
export async function tenantOfCode(ds: DataSource, code: string): Promise<TierTenant | undefined> {
  const [t]: TierTenant[] = await ds.query(`SELECT id, code, name, path::text AS path FROM tenant WHERE code = $1`, [code]);
  return t;
}

/**
 * The child of `under` a tenant path lies in (a province's city, a city's county), or `under`'s own
 * code for `under` itself: the tier a funnel row is summed into.
 */
export function childCode(path: string, under: string): string {
  const parts = path.split('.');
  const depth = under.split('.').length;
  return parts.length > depth ? parts[depth] : parts[parts.length - 1];
}

/**
 * 按下一级汇总: rows summed in total and per child tenant of `t` (its own rows as "（本级）"), the
 * children in code order, those without rows left out.
 */
export async function sumPerChild<F, R extends object>(
  ds: DataSource,
  t: { id: string; code: string },
  rows: { child: string; facts: F }[],
  sum: (facts: F[]) => R,
): Promise<{ total: R; byTenant: ({ tenantCode: string; tenantName: string } & R)[] }> {
  const groups = new Map<string, F[]>();
  for (const r of rows) groups.set(r.child, [...(groups.get(r.child) ?? []), r.facts]);
  const names: { code: string; name: string }[] = await ds.query(
    `SELECT code, name FROM tenant WHERE parent_id = $1 OR id = $1 ORDER BY code`,
    [t.id],
  );
  return {
    total: sum(rows.map((r) => r.facts)),
    byTenant: names
      .filter((n) => groups.has(n.code))
      .map((n) => ({ tenantCode: n.code, tenantName: n.code === t.code ? `${n.name}（本级）` : n.name, ...sum(groups.get(n.code)!) })),
  };
}
