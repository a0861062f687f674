import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { checkDigit } from '../../libs/catalog/src/patent-number.js';
import { SETUP_TIMEOUT_MS, type TestEnv, useSharedApi } from '../support/test-app.js';

const number = (serial: number) => {
  const digits = `2023100${String(serial).padStart(5, '0')}`;
  return `${digits}.${checkDigit(digits)}`;
};

/**
 * Search on a small fixture whose right answers are known: a title match outranks a keyword
 * match, which outranks a match in the summary; filters, facets, sorting, keyset paging and
 * highlighting behave as a person expects.
 */
describe('catalog search (中文检索)', () => {
  let env: TestEnv;
  const ids: Record<string, string> = {};
  let user: { authorization: string };

  const search = async (query: Record<string, string | string[]>) => {
    const res = await env.http().get('/achievements').query(query).set(user);
    expect(res.status).toBe(200);
    return res.body as {
      items: { id: string; title: string; highlight?: { title: string; snippet: string } }[];
      total: number;
      totalIsCapped: boolean;
      facets: Record<string, Record<string, number>>;
      nextCursor: string | null;
    };
  };
  const names = (items: { id: string }[]) => items.map((i) => Object.keys(ids).find((k) => ids[k] === i.id) ?? i.id);

  beforeAll(async () => {
    env = await useSharedApi();
    user = await env.as('nongan_enterprise');
    const as = (u: string) => env.as(u);
    const create = async (key: string, owner: string, body: object, reviewer = 'changchun_reviewer', publish = true) => {
      const res = await env
        .http()
        .post('/achievements')
        .set(await as(owner))
        .send({ summary: '面向吉林省产业需求的成果。', maturity: 'pilot', transferModes: ['licence'], priceNegotiable: true, ...body });
      expect([key, res.status]).toEqual([key, 201]);
      ids[key] = res.body.id;
      if (!publish) return;
      await env
        .http()
        .post(`/achievements/${ids[key]}/submit`)
        .set(await as(owner))
        .expect(200);
      await env
        .http()
        .post(`/achievements/${ids[key]}/publish`)
        .set(await as(reviewer))
        .expect(200);
    };
    const patent = async (serial: number, free: boolean) => {
      const p = await env
        .http()
        .post('/patents')
        .set(await as('jlu_member'))
        .send({ applicationNumber: number(serial), title: `专利${serial}`, patentType: 'invention', legalStatus: 'granted' });
      await env
        .http()
        .post(`/patents/${p.body.id}/open-licences`)
        .set(await as('jlu_member'))
        .send({
          feeType: 'lump_sum',
          ...(free ? { isFree: true } : { feeFen: 1_000_000 }),
          periodStart: '2026-01-01',
          periodEnd: '2027-12-31',
        })
        .expect(201);
      return p.body.id as string;
    };
    const fengman = (await env.db.query(`SELECT id FROM organization WHERE name = '吉林市丰满新材料有限公司（演示）'`)).rows[0].id;

    await create('T1', 'jlu_member', {
      title: '碳纤维复合材料低成本制备技术',
      field: 'new_materials',
      keywords: ['复合材料'],
      transferModes: ['transfer'],
      maturity: 'industrial',
      priceFen: 5_000_000_00,
      priceNegotiable: false,
    });
    await create('K1', 'jlu_member', {
      title: '高性能纤维增强树脂成型工艺',
      field: 'new_materials',
      keywords: ['碳纤维'],
      transferModes: ['licence'],
      maturity: 'pilot',
      priceFen: 800_000_00,
      priceNegotiable: false,
    });
    await create('S1', 'jlu_member', {
      title: '汽车轻量化车身结构设计方法',
      summary: '采用碳纤维与铝合金混合结构，车身减重百分之三十。',
      field: 'automotive',
      transferModes: ['co_development'],
    });
    await create('N1', 'jlu_member', { title: '玉米秸秆生物降解地膜', field: 'modern_agriculture' });
    await create('OL', 'jlu_member', { title: '稀土永磁材料回收再利用技术', field: 'new_materials', patentIds: [await patent(1, false)] });
    await create('OLX', 'jlu_member', { title: '智能灌溉控制系统', field: 'modern_agriculture', patentIds: [await patent(2, true)] });
    await create(
      'JL',
      'fengman_center',
      {
        title: '碳纤维原丝制备技术',
        field: 'new_materials',
        organizationId: fengman,
        transferModes: ['transfer'],
        priceFen: 300_000_00,
        priceNegotiable: false,
      },
      'jilin_city_bureau',
    );
    await create('DRAFT', 'jlu_member', { title: '碳纤维草稿成果', field: 'new_materials' }, undefined, false);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await env.close();
  });

  it('ranks a title match above a keyword match above a summary match, and leaves out drafts and non-matches', async () => {
    const all = await search({ q: '碳纤维' });
    const order = names(all.items);
    expect(new Set(order.slice(0, 2))).toEqual(new Set(['T1', 'JL']));
    expect(order.slice(2)).toEqual(['K1', 'S1']);
    expect(all.total).toBe(4);
    expect(all.totalIsCapped).toBe(false);
    expect(all.facets.field).toEqual({ new_materials: 3, automotive: 1 });
  });

  it('filters by tenant subtree: Changchun includes its districts, Jilin City has only its own', async () => {
    expect(names((await search({ q: '碳纤维', tenantCode: '220100' })).items)).toEqual(['T1', 'K1', 'S1']);
    expect(names((await search({ q: '碳纤维', tenantCode: '220200' })).items)).toEqual(['JL']);
    expect(names((await search({ q: '碳纤维', tenantCode: '220211' })).items)).toEqual(['JL']);
  });

  it('filters by organisation (an institution’s own list), without widening what the caller may read', async () => {
    const org = async (name: string) => (await env.db.query(`SELECT id FROM organization WHERE name = $1`, [name])).rows[0].id as string;
    const [jlu, fengman] = [await org('吉林大学'), await org('吉林市丰满新材料有限公司（演示）')];
    expect(names((await search({ q: '碳纤维', organizationId: fengman })).items)).toEqual(['JL']);
    expect(new Set(names((await search({ organizationId: jlu })).items))).toEqual(new Set(['T1', 'K1', 'S1', 'N1', 'OL', 'OLX']));
    // 吉林大学's draft: its member sees it by status, the enterprise does not, even when naming the organisation.
    expect(names((await search({ status: 'draft', organizationId: jlu })).items)).toEqual([]);
    const own = await env
      .http()
      .get('/achievements')
      .query({ status: 'draft', organizationId: jlu })
      .set(await env.as('jlu_member'));
    expect(names(own.body.items)).toEqual(['DRAFT']);
    const bad = await env.http().get('/achievements').query({ organizationId: 'x' }).set(user);
    expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([400, 'organizationId']);
  });

  it('filters by field, transfer mode (any of), maturity and price', async () => {
    expect(new Set(names((await search({ q: '碳纤维', field: 'new_materials' })).items))).toEqual(new Set(['T1', 'JL', 'K1']));
    expect(new Set(names((await search({ q: '碳纤维', transferMode: ['transfer', 'co_development'] })).items))).toEqual(
      new Set(['T1', 'JL', 'S1']),
    );
    expect(names((await search({ q: '碳纤维', maturity: 'industrial' })).items)).toEqual(['T1']);
    expect(new Set(names((await search({ q: '碳纤维', maturity: 'pilot' })).items))).toEqual(new Set(['JL', 'K1', 'S1']));
    expect(names((await search({ q: '碳纤维', priceMinFen: '100000000' })).items)).toEqual(['T1']);
    expect(new Set(names((await search({ q: '碳纤维', priceMaxFen: '100000000' })).items))).toEqual(new Set(['K1', 'JL']));
  });

  it('finds what a person means by “开放许可 新材料”, and filters by open and free licences', async () => {
    expect(names((await search({ q: '开放许可 新材料' })).items)).toEqual(['OL']);
    expect(new Set(names((await search({ q: '开放许可' })).items))).toEqual(new Set(['OL', 'OLX']));
    expect(new Set(names((await search({ openLicence: 'true' })).items))).toEqual(new Set(['OL', 'OLX']));
    expect(names((await search({ freeLicence: 'true' })).items)).toEqual(['OLX']);
  });

  it('sorts by price with 面议 last, and pages with a keyset cursor without repeats', async () => {
    expect(names((await search({ q: '碳纤维', sort: 'price_asc' })).items)).toEqual(['JL', 'K1', 'T1', 'S1']);
    expect(names((await search({ q: '碳纤维', sort: 'price_desc' })).items)).toEqual(['T1', 'K1', 'JL', 'S1']);
    const whole = names((await search({ q: '碳纤维' })).items);
    for (const sort of ['relevance', 'newest', 'price_asc']) {
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await search({ q: '碳纤维', sort, limit: '1', ...(cursor ? { cursor } : {}) });
        paged.push(...names(page.items));
        cursor = page.nextCursor;
      } while (cursor);
      expect([sort, paged.length, new Set(paged).size]).toEqual([sort, 4, 4]);
      if (sort === 'relevance') expect(paged).toEqual(whole);
    }
    const newest = names((await search({ sort: 'newest' })).items);
    expect(newest[0]).toBe('JL'); // published last
    expect(newest).not.toContain('DRAFT');
  });

  it('highlights the searched words in the title and a snippet of the summary', async () => {
    const res = await search({ q: '碳纤维' });
    const s1 = res.items.find((i) => i.id === ids.S1)!;
    expect(res.items.find((i) => i.id === ids.T1)!.highlight!.title).toBe('<em>碳纤维</em>复合材料低成本制备技术');
    expect(s1.highlight!.snippet).toContain('<em>碳纤维</em>');
  });

  it('rejects a cursor that was not made by the server, naming the field', async () => {
    const res = await env.http().get('/achievements').query({ q: '碳纤维', cursor: 'bm90IGEgY3Vyc29y' }).set(user);
    expect([res.status, res.body.errors[0].field]).toEqual([400, 'cursor']);
  });

  it('searches patents, demands and experts with the same engine', async () => {
    const patents = await env
      .http()
      .get('/patents')
      .query({ openLicence: 'true', status: 'draft' })
      .set(await env.as('jlu_member'));
    expect(patents.body.items).toHaveLength(2);
    const demand = await env
      .http()
      .post('/demands')
      .set(await env.as('nongan_enterprise'))
      .send({ title: '黑土地保护性耕作机械需求', description: '需要适合农安县的免耕播种机', field: 'modern_agriculture' });
    expect(demand.status).toBe(201);
    const mine = await env
      .http()
      .get('/demands')
      .query({ q: '免耕播种', status: 'draft' })
      .set(await env.as('nongan_enterprise'));
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([demand.body.id]);
    const others = await env
      .http()
      .get('/demands')
      .query({ q: '免耕播种', status: 'draft' })
      .set(await env.as('jlu_member'));
    expect(others.body.items).toEqual([]);
  });
});
