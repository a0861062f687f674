import { type SearchText, searchDocSql } from './search/search-document.js';

/** Anything with `query(sql, params)` returning rows: a TypeORM DataSource/EntityManager or a wrapped pg client. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export const pgArray = (xs: string[]) => `{${xs.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

/** Inserts rows column-wise with unnest; columns typed `x[]` are passed as array literals and cast. */
export async function bulkInsert(
  db: Queryable,
  table: string,
  columns: [string, string][],
  rows: unknown[][],
  search?: SearchText[],
  // Catalog entries carry an optimistic-lock version that starts at 1.
  constants: [string, string][] = search ? [['version', '1']] : [],
) {
  if (!rows.length) return;
  const params: unknown[] = columns.map((_, i) => rows.map((r) => r[i]));
  const sel = columns.map(([name, type]) => (type.endsWith('[]') ? `u.${name}::${type}` : `u.${name}`));
  const types = columns.map(([, type]) => (type.endsWith('[]') ? 'text[]' : `${type}[]`));
  const names = columns.map(([name]) => name);
  if (search) {
    for (const k of ['a', 'b', 'c', 'd'] as const) params.push(search.map((s) => s[k]));
    types.push('text[]', 'text[]', 'text[]', 'text[]');
    names.push('sa', 'sb', 'sc', 'sd');
    sel.push(searchDocSql('u.sa', 'u.sb', 'u.sc', 'u.sd'));
  }
  sel.push(...constants.map(([, v]) => v));
  const targets = [...columns.map(([n]) => n), ...(search ? ['search_doc'] : []), ...constants.map(([n]) => n)];
  await db.query(
    `INSERT INTO ${table} (${targets.join(', ')}) SELECT ${sel.join(', ')} FROM unnest(${types.map((t, i) => `$${i + 1}::${t}`).join(', ')}) AS u(${names.join(', ')})`,
    params,
  );
}

/** Updates rows by id from column arrays (same conventions as bulkInsert), bumping the version. */
export async function bulkUpdate(db: Queryable, table: string, columns: [string, string][], rows: unknown[][]) {
  if (!rows.length) return;
  const all: [string, string][] = [['id', 'uuid'], ...columns];
  const params = all.map((_, i) => rows.map((r) => r[i]));
  const sets = columns.map(([name, type]) => `${name} = ${type.endsWith('[]') ? `u.${name}::${type}` : `u.${name}`}`);
  const types = all.map(([, type]) => (type.endsWith('[]') ? 'text[]' : `${type}[]`));
  await db.query(
    `UPDATE ${table} x SET ${sets.join(', ')}, version = x.version + 1, updated_at = now()
       FROM unnest(${types.map((t, i) => `$${i + 1}::${t}`).join(', ')}) AS u(${all.map(([n]) => n).join(', ')}) WHERE x.id = u.id`,
    params,
  );
}
