import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { snapshot, SETUP_TIMEOUT_MS, type TestEnv, useSharedApi } from '../support/test-app.js';

/**
 * The cross-tenant matrix: every endpoint that takes an id, tried by a user of a sibling
 * tenant and of a child tenant (refused with 403/404, nothing changes) and by an admin of
 * the parent (succeeds where the role allows).
 */
describe('cross-tenant matrix (跨租户访问)', () => {
  let env: TestEnv;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    env = await useSharedApi();
    const q = async (sql: string, p: unknown[]) => (await env.db.query(sql, p)).rows[0].id as string;
    ids.ccOrg = await q(`SELECT o.id FROM organization o JOIN tenant t ON t.id = o.tenant_id WHERE t.code = $1`, ['220100']);
    ids.ccUser = await q(`SELECT id FROM user_account WHERE username = $1`, ['changchun_reviewer']);
    ids.naOrg = await q(`SELECT o.id FROM organization o JOIN tenant t ON t.id = o.tenant_id WHERE t.code = $1`, ['220122']);
    ids.naUser = await q(`SELECT id FROM user_account WHERE username = $1`, ['nongan_enterprise']);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await env.close();
  });

  type Call = { method: 'get' | 'patch' | 'delete'; path: () => string; body?: object };
  const calls: Record<string, Call[]> = {
    'Changchun tenant': [
      { method: 'get', path: () => '/tenants/220100' },
      { method: 'patch', path: () => '/tenants/220100', body: { contactName: '王五' } },
      { method: 'delete', path: () => '/tenants/220100' },
    ],
    'Changchun organisation': [
      { method: 'get', path: () => `/organizations/${ids.ccOrg}` },
      { method: 'patch', path: () => `/organizations/${ids.ccOrg}`, body: { contactName: '王五' } },
      { method: 'delete', path: () => `/organizations/${ids.ccOrg}` },
    ],
    'Changchun user': [
      { method: 'get', path: () => `/users/${ids.ccUser}` },
      { method: 'patch', path: () => `/users/${ids.ccUser}`, body: { displayName: '被改名' } },
    ],
    'Nong’an tenant': [
      { method: 'get', path: () => '/tenants/220122' },
      { method: 'patch', path: () => '/tenants/220122', body: { contactName: '王五' } },
    ],
    'Nong’an organisation': [
      { method: 'get', path: () => `/organizations/${ids.naOrg}` },
      { method: 'patch', path: () => `/organizations/${ids.naOrg}`, body: { contactName: '王五' } },
    ],
    'Nong’an user': [
      { method: 'get', path: () => `/users/${ids.naUser}` },
      { method: 'patch', path: () => `/users/${ids.naUser}`, body: { displayName: '被改名' } },
    ],
  };

  const refused: [string, string][] = [
    // sibling city
    ['jilin_city_bureau', 'Changchun tenant'],
    ['jilin_city_bureau', 'Changchun organisation'],
    ['jilin_city_bureau', 'Changchun user'],
    ['jilin_city_bureau', 'Nong’an tenant'],
    ['jilin_city_bureau', 'Nong’an organisation'],
    ['jilin_city_bureau', 'Nong’an user'],
    // child county of Changchun
    ['nongan_center', 'Changchun tenant'],
    ['nongan_center', 'Changchun organisation'],
    ['nongan_center', 'Changchun user'],
    // a county under another city
    ['fengman_center', 'Nong’an tenant'],
    ['fengman_center', 'Nong’an organisation'],
    ['fengman_center', 'Nong’an user'],
  ];

  it.each(refused)('%s is refused on every call to the %s, and nothing changes', async (actor, resource) => {
    const auth = await env.as(actor);
    const before = await snapshot(env.db);
    for (const call of calls[resource]) {
      const res = await env.http()[call.method](call.path()).set(auth).send(call.body);
      expect([call.method, call.path(), res.status]).toEqual([call.method, call.path(), expect.any(Number)]);
      expect([403, 404]).toContain(res.status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await snapshot(env.db)).toBe(before);
  });

  it('the parent admin succeeds where the role allows', async () => {
    const province = await env.as('province_admin');
    const changchun = await env.as('changchun_bureau');
    for (const [auth, resource] of [
      [province, 'Changchun tenant'],
      [province, 'Changchun organisation'],
      [province, 'Changchun user'],
      [changchun, 'Nong’an tenant'],
      [changchun, 'Nong’an organisation'],
      [changchun, 'Nong’an user'],
    ] as const) {
      for (const call of calls[resource].filter((c) => c.method !== 'delete')) {
        const res = await env.http()[call.method](call.path()).set(auth).send(call.body);
        expect([resource, call.method, res.status]).toEqual([resource, call.method, 200]);
      }
    }
    // Administrative divisions are never deleted; an organisation without accounts is.
    expect((await env.http().delete('/tenants/220100').set(province)).status).toBe(403);
    const org = await env
      .http()
      .post('/organizations')
      .set(changchun)
      .send({ tenantCode: '220122', name: '待删除企业', type: 'enterprise' });
    expect(org.status).toBe(201);
    expect((await env.http().delete(`/organizations/${org.body.id}`).set(changchun)).status).toBe(204);
    // An organisation that still has accounts is kept (409).
    expect((await env.http().delete(`/organizations/${ids.naOrg}`).set(changchun)).status).toBe(409);
  });

  it('lists never include a sibling’s records', async () => {
    const jl = await env.as('jilin_city_bureau');
    const orgs = await env.http().get('/organizations').set(jl);
    expect(orgs.status).toBe(200);
    expect(orgs.body.items.map((o: { tenantCode: string }) => o.tenantCode).every((c: string) => c.startsWith('2202'))).toBe(true);
    const users = await env.http().get('/users').set(jl);
    expect(users.body.items.every((u: { tenantCode: string }) => u.tenantCode.startsWith('2202'))).toBe(true);
    // Asking for a sibling's subtree by filter returns nothing rather than leaking it.
    const filtered = await env.http().get('/organizations').query({ tenantCode: '220100' }).set(jl);
    expect(filtered.body.items).toEqual([]);
  });

  it('nobody creates records in a tenant outside their subtree', async () => {
    const jl = await env.as('jilin_city_bureau');
    const before = await snapshot(env.db);
    const org = await env.http().post('/organizations').set(jl).send({ tenantCode: '220100', name: '越权企业', type: 'enterprise' });
    expect(org.status).toBe(400);
    expect(org.body.errors[0].field).toBe('tenantCode');
    const user = await env
      .http()
      .post('/users')
      .set(jl)
      .send({ tenantCode: '220122', username: 'intruder', displayName: '越权', password: 'Passw0rd!', roles: ['expert'] });
    expect(user.status).toBe(400);
    expect(await snapshot(env.db)).toBe(before);
  });

  it('nobody grants a role above their own, or a tier role in the wrong tier', async () => {
    const cc = await env.as('changchun_bureau');
    const reviewer = await env.as('changchun_reviewer');
    const me = await env.http().get('/me').set(reviewer);
    const before = await snapshot(env.db);
    const up = await env
      .http()
      .post('/users')
      .set(cc)
      .send({ tenantCode: '220100', username: 'wannabe', displayName: '越级', password: 'Passw0rd!', roles: ['platform_admin'] });
    expect(up.status).toBe(403);
    expect(up.body.code).toBe('ROLE_NOT_GRANTABLE');
    const wrongTier = await env
      .http()
      .post('/users')
      .set(cc)
      .send({ tenantCode: '220100', username: 'wrongtier', displayName: '错层级', password: 'Passw0rd!', roles: ['center_staff'] });
    expect(wrongTier.status).toBe(400);
    const self = await env
      .http()
      .patch(`/users/${me.body.user.id}`)
      .set(reviewer)
      .send({ roles: ['bureau_admin'] });
    expect(self.status).toBe(403);
    expect(await snapshot(env.db)).toBe(before);
  });

  it('members edit only their own organisation’s profile', async () => {
    const member = await env.as('nongan_enterprise');
    const ok = await env.http().patch(`/organizations/${ids.naOrg}`).set(member).send({ contactPhone: '13800000000' });
    expect(ok.status).toBe(200);
    const before = await snapshot(env.db);
    expect((await env.http().patch(`/organizations/${ids.naOrg}`).set(member).send({ creditCode: '91350100M000100Y43' })).status).toBe(403);
    expect((await env.http().get(`/organizations/${ids.ccOrg}`).set(member)).status).toBe(404);
    expect(await snapshot(env.db)).toBe(before);
  });
});
