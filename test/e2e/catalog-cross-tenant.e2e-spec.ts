import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { checkDigit } from '../../libs/catalog/src/patent-number.js';
import { snapshot, SETUP_TIMEOUT_MS, type TestEnv, useSharedApi } from '../support/test-app.js';

/**
 * The cross-tenant matrix for the catalog, contracts and subsidies: entries of Changchun's
 * subtree (drafts, a patent with an open licence, an expert, a submitted contract, a subsidy
 * application) tried by a sibling city's bureau and by a county of that other city. Every id
 * route answers 404 (the id reveals nothing), lists and exports leave the entries out, and the
 * database is unchanged afterwards.
 */
describe('cross-tenant matrix: catalog, contracts, subsidies', () => {
  let env: TestEnv;
  const ids: Record<string, string> = {};

  const call = async (method: 'get' | 'post' | 'patch' | 'delete', user: string, path: string, body?: object) => {
    const req = env
      .http()
      [method](path)
      .set(await env.as(user));
    return body ? req.send(body) : req;
  };

  beforeAll(async () => {
    env = await useSharedApi();
    const org = async (name: string) => (await env.db.query(`SELECT id FROM organization WHERE name = $1`, [name])).rows[0].id as string;
    ids.jlu = await org('吉林大学');
    ids.nongan = await org('农安县禾丰农业科技有限公司（演示）');
    const made = async (key: string, user: string, path: string, body: object) => {
      const res = await call('post', user, path, body);
      expect([key, res.status]).toEqual([key, 201]);
      ids[key] = res.body.id;
      return res.body;
    };
    await made('achievement', 'jlu_member', '/achievements', {
      title: '跨租户测试成果',
      summary: '只在长春可见的草稿',
      field: 'new_materials',
      maturity: 'lab',
      transferModes: ['licence'],
      priceNegotiable: true,
    });
    await made('demand', 'nongan_center', '/demands', {
      title: '跨租户测试需求',
      description: '草稿',
      field: 'modern_agriculture',
      organizationId: ids.nongan,
    });
    const digits = '202310099999';
    await made('patent', 'jlu_member', '/patents', {
      applicationNumber: `${digits}.${checkDigit(digits)}`,
      title: '跨租户测试专利',
      patentType: 'invention',
      legalStatus: 'granted',
    });
    const licensed = await call('post', 'jlu_member', `/patents/${ids.patent}/open-licences`, {
      feeType: 'lump_sum',
      feeFen: 100_000,
      periodStart: '2026-01-01',
      periodEnd: '2027-12-31',
    });
    ids.licence = licensed.body.openLicences[0].id;
    await made('expert', 'changchun_expert', '/experts', { name: '跨租户专家', title: '研究员', fields: ['new_materials'] });
    await made('contract', 'jlu_member', '/contracts', {
      title: '跨租户测试合同',
      contractType: 'transfer',
      subType: 'patent_right',
      sellerOrgId: ids.jlu,
      buyerOrgId: ids.nongan,
      amountFen: 100_000_000,
      techTransactionFen: 100_000_000,
      signedOn: '2026-03-01',
    });
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await env.close();
  });

  const entryRoutes = (kind: string, id: () => string) => [
    ['get', `/${kind}/${id()}`, undefined],
    ['patch', `/${kind}/${id()}`, { title: '越权修改' }],
    ['delete', `/${kind}/${id()}`, undefined],
    ...['submit', 'publish', 'withdraw', 'archive'].map((step) => ['post', `/${kind}/${id()}/${step}`, {}]),
    ['post', `/${kind}/${id()}/return`, { reason: '越权退回' }],
  ];

  it('answers 404 to a sibling city and to a county of that city on every id route, changing nothing', async () => {
    for (const user of ['jilin_city_bureau', 'fengman_center']) await env.as(user); // log in first: a login writes a refresh token
    const before = await snapshot(env.db);
    const routes = [
      ...entryRoutes('achievements', () => ids.achievement),
      ...entryRoutes('demands', () => ids.demand),
      ...entryRoutes('patents', () => ids.patent),
      ...entryRoutes('experts', () => ids.expert).map(([m, p, b]) => [m, p, m === 'patch' ? { bio: '越权' } : b]),
      [
        'post',
        `/patents/${ids.patent}/open-licences`,
        { feeType: 'lump_sum', feeFen: 1, periodStart: '2026-01-01', periodEnd: '2026-12-31' },
      ],
      ['post', `/patents/${ids.patent}/open-licences/${ids.licence}/withdraw`, { reason: '越权撤回' }],
      ['get', `/contracts/${ids.contract}`, undefined],
      ['patch', `/contracts/${ids.contract}`, { title: '越权' }],
      ['post', `/contracts/${ids.contract}/register`, {}],
      ['post', `/contracts/${ids.contract}/return`, { reason: '越权' }],
      ['post', `/contracts/${ids.contract}/amendments`, { reason: '越权' }],
      ['post', `/contracts/${ids.contract}/payments`, { receivedOn: '2026-05-01', amountFen: 1, bankReference: 'X-1' }],
    ] as ['get' | 'post' | 'patch' | 'delete', string, object | undefined][];
    for (const user of ['jilin_city_bureau', 'fengman_center']) {
      for (const [method, path, body] of routes) {
        const res = await call(method, user, path, body);
        expect([user, method, path, res.status]).toEqual([user, method, path, 404]);
      }
    }
    expect(await snapshot(env.db)).toBe(before);
  });

  it('leaves the entries out of lists and exports of the other city', async () => {
    for (const [path, id] of [
      ['/achievements?status=draft', ids.achievement],
      ['/demands?status=draft', ids.demand],
      ['/patents?status=draft', ids.patent],
      ['/experts?status=draft', ids.expert],
      ['/contracts', ids.contract],
    ]) {
      const res = await call('get', 'jilin_city_bureau', path);
      expect([path, res.body.items.map((i: { id: string }) => i.id)]).toEqual([path, expect.not.arrayContaining([id])]);
    }
    const exported = await env
      .http()
      .get('/exports/achievements.xlsx')
      .query({ status: 'draft' })
      .set(await env.as('jilin_city_bureau'))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(exported.status).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.body as never);
    expect(wb.getWorksheet('科技成果')!.rowCount).toBe(1); // the header only
  });

  it('keeps subsidy applications and decisions within the tenant chain', async () => {
    const before = await snapshot(env.db, ['subsidy_application', 'policy_decision']);
    for (const path of ['/subsidies/applications', '/policy/decisions']) {
      const res = await call('get', 'jilin_city_bureau', path);
      expect([path, res.status, res.body.items]).toEqual([path, 200, []]);
    }
    const none = '00000000-0000-4000-8000-000000000000';
    expect((await call('get', 'jilin_city_bureau', `/subsidies/applications/${none}`)).status).toBe(404);
    expect((await call('post', 'fengman_center', '/subsidies/applications', { decisionId: none })).status).toBe(400);
    expect(await snapshot(env.db, ['subsidy_application', 'policy_decision'])).toBe(before);
  });
});
