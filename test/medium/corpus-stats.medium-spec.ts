import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { bulkInsert, pgArray } from '../../libs/catalog/src/bulk.js';
import { ACHIEVEMENT_COLUMNS } from '../../libs/catalog/src/demo/generate.js';
import { CatalogCorpus } from '../../libs/catalog/src/search/corpus.js';
import { achievementText } from '../../libs/catalog/src/search/search-document.js';
import { openDatabase } from '../support/medium.js';

/**
 * The matching corpus keeps the counts of common terms (the costly part of a matching run) for a
 * while, but counts rare terms every time: a word published a moment ago is found at once.
 */
describe('CatalogCorpus term statistics', () => {
  let ds: DataSource;
  let close: () => Promise<void>;
  let org: { id: string; tenantId: string; name: string; path: string };

  beforeAll(async () => {
    ({ ds, close } = await openDatabase());
    [org] = await ds.query(
      `SELECT o.id, o.tenant_id AS "tenantId", o.name, t.path::text AS path FROM organization o JOIN tenant t ON t.id = o.tenant_id WHERE o.name = '吉林大学'`,
    );
  });
  afterAll(async () => {
    await close();
  });

  const publish = async (titles: string[]) => {
    const summary = '面向吉林省产业需求的成果。';
    await bulkInsert(
      ds,
      'achievement',
      ACHIEVEMENT_COLUMNS,
      // In ACHIEVEMENT_COLUMNS' order: id … price, negotiable, funding, licences, status, published_at, external id, phone.
      titles.map((t) => [
        randomUUID(),
        org.tenantId,
        org.id,
        t,
        summary,
        'new_materials',
        pgArray([]),
        'pilot',
        6,
        pgArray(['licence']),
        null,
        true,
        null,
        false,
        false,
        'published',
        new Date(),
        null,
        null,
      ]),
      titles.map((title) =>
        achievementText({
          title,
          summary,
          keywords: [],
          field: 'new_materials',
          maturity: 'pilot',
          transferModes: ['licence'],
          hasOpenLicence: false,
          hasFreeLicence: false,
          organizationName: org.name,
          tenantPath: org.path,
        }),
      ),
    );
  };

  it('counts a newly published rare term at once, keeps a common term’s count until the cache expires', async () => {
    const common = '玄武岩';
    const rare = '钙钛矿';
    await publish([...Array.from({ length: CatalogCorpus.CACHED_COUNT_MIN + 20 }, (_, i) => `${common}纤维制品${i}`), `${rare}电池`]);
    const corpus = new CatalogCorpus(ds);
    const first = await corpus.stats('achievement', [common, rare]);
    expect([first.df[common], first.df[rare]]).toEqual([CatalogCorpus.CACHED_COUNT_MIN + 20, 1]);

    await publish([`${common}${rare}复合材料`]);
    const second = await corpus.stats('achievement', [common, rare]);
    // The rare term is counted again; the common one and the document count come from the cache.
    expect([second.df[common], second.df[rare], second.documents]).toEqual([first.df[common], 2, first.documents]);

    // With the cache off (or once it expires) everything is counted anew.
    corpus.statsTtlMs = 0;
    const third = await corpus.stats('achievement', [common, rare]);
    expect([third.df[common], third.df[rare], third.documents]).toEqual([first.df[common] + 1, 2, first.documents + 1]);
  });

  it('at scale, takes a common term’s count from ANALYZE’s lexeme frequencies and counts the rarer ones', async () => {
    const common = '功率';
    const rare = '碲化镉';
    await publish([...Array.from({ length: 400 }, (_, i) => `碳化硅${common}器件 ${i}`), `${rare} 薄膜`]);
    await ds.query('ANALYZE achievement');
    const exact = new CatalogCorpus(ds);
    exact.statsTtlMs = 0;
    const counted = await exact.stats('achievement', [common, rare]);
    expect(counted.df[common]).toBeGreaterThanOrEqual(400);
    expect(counted.df[rare]).toBe(1);
    // As a national table would be: the estimate path taken whatever the size.
    const counting: unknown[][] = [];
    const recorded = {
      query: (sql: string, params?: unknown[]) => {
        if (sql.includes('unnest($1::text[]) t')) counting.push(params![0] as unknown[]);
        return ds.query(sql, params);
      },
    } as DataSource;
    const estimating = new CatalogCorpus(recorded);
    estimating.statsTtlMs = 0;
    estimating.estimateFromDocuments = 0;
    const [mce]: { has: boolean }[] = await ds.query(
      `SELECT $1 = ANY(most_common_elems::text::text[]) AS has FROM pg_stats WHERE tablename = 'achievement' AND attname = 'search_doc'`,
      [common],
    );
    expect(mce.has).toBe(true);
    const estimated = await estimating.stats('achievement', [common, rare]);
    // ANALYZE's share × published entries: off by the unpublished rows the share also counts, not more.
    expect(Math.abs(estimated.df[common] - counted.df[common]) / counted.df[common]).toBeLessThan(0.1);
    expect(Number.isInteger(estimated.df[common])).toBe(true);
    // The common term was not counted (in so small a table ANALYZE may list the rare one too).
    expect(counting.flat()).not.toContain(common);
    expect(estimated.df[rare]).toBe(1);
    expect(estimated.documents).toBe(counted.documents);
    expect(Math.abs(estimated.averageLength - counted.averageLength) / counted.averageLength).toBeLessThan(0.1);
  });
});
