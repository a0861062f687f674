import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { bulkInsert, pgArray } from '../../libs/catalog/src/bulk.js';
import { CATALOG_KINDS } from '../../libs/catalog/src/catalog-kinds.js';
import { achievementText } from '../../libs/catalog/src/search/search-document.js';
import {
  buildSearch,
  COUNT_CAP,
  RANK_CANDIDATES,
  type SearchCriteria,
  type SearchSort,
  TAG,
} from '../../libs/catalog/src/search/search-query.js';
import '../../libs/catalog/src/catalog.registration.js';
import { defineAbilityFor } from '../../libs/core/src/iam/ability.factory.js';
import { accessCondition } from '../../libs/core/src/iam/access-sql.js';
import { openDatabase, principalOf } from '../support/medium.js';

const KIND = CATALOG_KINDS.achievement.search;
const OPEN = { sql: 'TRUE', params: {} };
type Row = Record<string, unknown> & { id: string };

/**
 * The catalog search SQL (libs/catalog/src/search/search-query.ts) on real tables with a small
 * fixture, where the edges are: ties in rank, date and price across page boundaries, rows
 * published microseconds apart, the caps on ranking and counting, and the caller's access
 * condition inside the search.
 */
describe('catalog search SQL', () => {
  let ds: DataSource;
  let close: () => Promise<void>;
  const orgs: Record<string, { id: string; tenantId: string; name: string; path: string }> = {};

  beforeAll(async () => {
    ({ ds, close } = await openDatabase());
    for (const [key, name] of [
      ['jlu', '吉林大学'],
      ['fengman', '吉林市丰满新材料有限公司（演示）'],
    ]) {
      const [o] = await ds.query(
        `SELECT o.id, o.tenant_id AS "tenantId", o.name, t.path::text AS path FROM organization o JOIN tenant t ON t.id = o.tenant_id WHERE o.name = $1`,
        [name],
      );
      orgs[key] = o;
    }
  });
  afterAll(async () => {
    await close();
  });

  /** Inserts achievements the way the demo generator and imports do (bulkInsert with the search document). */
  const insert = async (
    items: { title: string; org?: string; status?: string; publishedAt?: string | null; priceFen?: number | null; field?: string }[],
  ): Promise<string[]> => {
    const ids = items.map(() => randomUUID());
    const rows = items.map((it, i) => {
      const org = orgs[it.org ?? 'jlu'];
      const status = it.status ?? 'published';
      return [
        ids[i],
        org.tenantId,
        org.id,
        it.title,
        `${it.title}：面向吉林省产业需求的成果。`,
        it.field ?? 'new_materials',
        pgArray(['复合材料']),
        'pilot',
        6,
        pgArray(['licence']),
        it.priceFen ?? null,
        it.priceFen == null,
        status,
        status === 'published' ? (it.publishedAt ?? '2026-05-01T08:00:00.123456Z') : null,
      ];
    });
    const texts = items.map((it) =>
      achievementText({
        title: it.title,
        summary: `${it.title}：面向吉林省产业需求的成果。`,
        keywords: ['复合材料'],
        field: it.field ?? 'new_materials',
        maturity: 'pilot',
        transferModes: ['licence'],
        hasOpenLicence: false,
        hasFreeLicence: false,
        organizationName: orgs[it.org ?? 'jlu'].name,
        tenantPath: orgs[it.org ?? 'jlu'].path,
      }),
    );
    await bulkInsert(
      ds,
      'achievement',
      [
        ['id', 'uuid'],
        ['tenant_id', 'uuid'],
        ['organization_id', 'uuid'],
        ['title', 'text'],
        ['summary', 'text'],
        ['field', 'text'],
        ['keywords', 'text[]'],
        ['maturity', 'text'],
        ['trl', 'smallint'],
        ['transfer_modes', 'text[]'],
        ['price_fen', 'bigint'],
        ['price_negotiable', 'boolean'],
        ['status', 'text'],
        ['published_at', 'timestamptz'],
      ],
      rows,
      texts,
    );
    return ids;
  };

  const criteria = (over: Partial<SearchCriteria>): SearchCriteria => ({
    tags: [],
    anyTags: [],
    status: 'published',
    sort: 'relevance',
    limit: 50,
    access: OPEN,
    ...over,
  });

  /** One page as the service runs it: limit + 1 rows, the cursor made from the last row shown. */
  const page = async (c: SearchCriteria) => {
    const built = buildSearch(KIND, c);
    const rows: Row[] = await ds.query(built.page.text, built.page.values);
    const items = rows.slice(0, c.limit);
    return { items, after: rows.length > c.limit ? built.cursorOf(items[items.length - 1]) : undefined };
  };

  /** Every page, following the cursors. */
  const allPages = async (c: SearchCriteria) => {
    const seen: Row[] = [];
    let after: string[] | undefined;
    do {
      const p = await page({ ...c, after });
      seen.push(...p.items);
      after = p.after;
    } while (after);
    return seen;
  };

  it('pages through rows tied on rank, date and price without skipping or repeating, whatever the sort', async () => {
    // Thirty identical entries (same text, so the same rank; the same publication instant):
    // twenty at the same price, ten 面议 (no price).
    const priced = await insert(Array.from({ length: 20 }, () => ({ title: '碳纤维复合材料制备技术', priceFen: 500_000_00 })));
    const negotiable = await insert(Array.from({ length: 10 }, () => ({ title: '碳纤维复合材料制备技术' })));
    for (const sort of ['relevance', 'newest', 'price_asc', 'price_desc'] as SearchSort[]) {
      const whole = (await page(criteria({ q: '碳纤维', sort, limit: 100 }))).items.map((r) => r.id);
      const paged = (await allPages(criteria({ q: '碳纤维', sort, limit: 7 }))).map((r) => r.id);
      expect([sort, whole.length, new Set(whole).size]).toEqual([sort, 30, 30]);
      expect([sort, paged]).toEqual([sort, whole]);
      if (sort.startsWith('price')) {
        // 面议 last, in both directions.
        expect([sort, new Set(whole.slice(20))]).toEqual([sort, new Set(negotiable)]);
        expect([sort, new Set(whole.slice(0, 20))]).toEqual([sort, new Set(priced)]);
      }
    }
  });

  it('keeps rows published microseconds apart in order, without skipping any', async () => {
    const at = (us: number) => `2026-05-01T08:00:00.${String(123000 + us).padStart(6, '0')}Z`;
    const ids = await insert(Array.from({ length: 12 }, (_, i) => ({ title: '玄武岩纤维连续拉丝工艺', publishedAt: at(i) })));
    const paged = await allPages(criteria({ q: '玄武岩', sort: 'newest', limit: 5 }));
    expect(paged.map((r) => r.id)).toEqual([...ids].reverse()); // newest first: the last inserted has the latest instant
  });

  it('ranks at most RANK_CANDIDATES matches and counts at most COUNT_CAP + 1, while newest reaches them all', async () => {
    const [first] = await insert([{ title: '玉米秸秆还田机械', field: 'modern_agriculture' }]);
    await ds.query(
      `INSERT INTO achievement (tenant_id, organization_id, title, summary, field, keywords, maturity, trl, transfer_modes, price_fen,
         price_negotiable, status, published_at, search_doc, version)
       SELECT tenant_id, organization_id, title, summary, field, keywords, maturity, trl, transfer_modes, price_fen,
         price_negotiable, status, published_at + n * interval '1 second', search_doc, 1
         FROM achievement, generate_series(1, $2::int) n WHERE id = $1`,
      [first, COUNT_CAP + 49],
    );
    const c = criteria({ q: '秸秆', limit: 1000 });
    expect((await page(c)).items).toHaveLength(RANK_CANDIDATES);
    expect((await allPages({ ...c, limit: 200 })).length).toBe(RANK_CANDIDATES); // relevance paging stops there
    const newest = await page({ ...c, sort: 'newest' });
    expect([newest.items.length, newest.after !== undefined]).toEqual([1000, true]);

    const built = buildSearch(KIND, c);
    const facets: { facet: string; value: string | null; n: number }[] = await ds.query(built.facets.text, built.facets.values);
    expect(facets.find((f) => f.facet === 'total')!.n).toBe(COUNT_CAP + 1); // “10,000+”
    expect(facets.find((f) => f.facet === 'field' && f.value === 'modern_agriculture')!.n).toBe(COUNT_CAP + 1);
  });

  it('applies the caller’s access condition and the tenant filter inside the search', async () => {
    const [ccDraft] = await insert([{ title: '稀土永磁材料回收技术', status: 'draft' }]);
    const [jcDraft] = await insert([{ title: '稀土永磁材料回收技术', status: 'draft', org: 'fengman' }]);
    const [ccPublished] = await insert([{ title: '稀土永磁材料回收技术' }]);
    const [jcPublished] = await insert([{ title: '稀土永磁材料回收技术', org: 'fengman' }]);
    const meta = ds.getMetadata(CATALOG_KINDS.achievement.entity);
    // As CatalogService.accessSql builds it: the caller's CASL rules over alias `a`.
    const accessOf = async (username: string) =>
      accessCondition(defineAbilityFor(await principalOf(ds, username)), 'read', 'Achievement', (property) => {
        const column = meta.findColumnWithPropertyName(property);
        if (!column) throw new Error(`no column for ${property}`);
        return `a.${column.databaseName}`;
      });
    const ids = async (username: string, over: Partial<SearchCriteria>) =>
      new Set((await allPages(criteria({ q: '稀土', access: await accessOf(username), ...over }))).map((r) => r.id));

    expect(await ids('jilin_city_bureau', { status: 'draft' })).toEqual(new Set([jcDraft]));
    expect(await ids('changchun_bureau', { status: 'draft' })).toEqual(new Set([ccDraft]));
    expect(await ids('nongan_enterprise', { status: 'draft' })).toEqual(new Set());
    expect(await ids('nongan_enterprise', {})).toEqual(new Set([ccPublished, jcPublished]));
    expect(await ids('nongan_enterprise', { tags: [TAG.tenant('220100')] })).toEqual(new Set([ccPublished]));
    expect(await ids('nongan_enterprise', { tags: [TAG.tenant('220200')] })).toEqual(new Set([jcPublished]));
  });
});
