import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { snapshot, SETUP_TIMEOUT_MS, type TestEnv, useSharedApi } from '../support/test-app.js';

interface Node {
  code: string;
  children: Node[];
}
const count = (nodes: Node[]): number => nodes.reduce((n, c) => n + 1 + count(c.children), 0);
const codes = (nodes: Node[]): string[] => nodes.flatMap((c) => [c.code, ...codes(c.children)]);

describe('tenant tree (租户树)', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await useSharedApi();
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await env.close();
  });

  it('the province admin sees all 70 tenants of Jilin', async () => {
    const res = await env
      .http()
      .get('/tenants/tree')
      .set(await env.as('province_admin'));
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0].code).toBe('220000');
    expect(count(res.body)).toBe(70);
    expect(res.body[0].children).toHaveLength(9);
  });

  it('the Changchun bureau sees Changchun and its 11 counties, none of Jilin City', async () => {
    const res = await env
      .http()
      .get('/tenants/tree')
      .set(await env.as('changchun_bureau'));
    expect(res.status).toBe(200);
    const seen = codes(res.body);
    expect(seen).toHaveLength(12);
    expect(seen[0]).toBe('220100');
    expect(seen).toContain('220184'); // 公主岭 now belongs to Changchun
    expect(seen.some((c) => c.startsWith('2202'))).toBe(false);
    expect(seen).not.toContain('220000');
  });

  it('a county centre sees only itself', async () => {
    const res = await env
      .http()
      .get('/tenants')
      .set(await env.as('nongan_center'));
    expect(res.status).toBe(200);
    expect(res.body.items.map((t: { code: string }) => t.code)).toEqual(['220122']);
  });

  it('pages through the list with a keyset cursor, without gaps or repeats', async () => {
    const auth = await env.as('province_admin');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { items: { code: string }[]; nextCursor: string | null } } = await env
        .http()
        .get('/tenants')
        .query(cursor ? { limit: 25, cursor } : { limit: 25 })
        .set(auth);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((t) => t.code));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(70);
    expect(new Set(seen).size).toBe(70);
    expect([...seen].sort()).toEqual(seen);
  });

  it('filters by tier and parent', async () => {
    const auth = await env.as('province_admin');
    const cities = await env.http().get('/tenants').query({ tier: 'city' }).set(auth);
    expect(cities.body.items).toHaveLength(9);
    const yanbian = await env.http().get('/tenants').query({ parentCode: '222400' }).set(auth);
    expect(yanbian.body.items).toHaveLength(8);
  });

  it('a bureau updates its own settings and the change is audited with who and what', async () => {
    const auth = await env.as('changchun_bureau');
    const res = await env.http().patch('/tenants/220100').set(auth).send({ displayName: '长春科技大市场', subMarketOpen: false });
    expect(res.status).toBe(200);
    expect(res.body.displayName).toBe('长春科技大市场');
    const log = await env.http().get('/audit-logs').query({ entityType: 'Tenant' }).set(auth);
    expect(log.status).toBe(200);
    const entry = log.body.items.find((e: { entityId: string; action: string }) => e.entityId === res.body.id && e.action === 'update');
    expect(entry.tenantCode).toBe('220100');
    expect(entry.changes.displayName).toEqual({ from: null, to: '长春科技大市场' });
    expect(entry.changes.subMarketOpen).toEqual({ from: true, to: false });
    const me = await env.http().get('/me').set(auth);
    expect(entry.actorUserId).toBe(me.body.user.id);
    expect(entry.requestId).toEqual(expect.any(String));

    // Jilin City's admin cannot read Changchun's audit log.
    const other = await env
      .http()
      .get('/audit-logs')
      .query({ entityId: res.body.id })
      .set(await env.as('jilin_city_bureau'));
    expect(other.status).toBe(200);
    expect(other.body.items).toEqual([]);
  });

  it('the province adds a non-administrative node one tier below its parent, and can remove it while empty', async () => {
    const auth = await env.as('province_admin');
    const created = await env.http().post('/tenants').set(auth).send({ code: '220171', name: '长春新区', parentCode: '220100' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ tier: 'county', kind: 'non_administrative', parentCode: '220100' });
    const bureauView = await env
      .http()
      .get('/tenants/220171')
      .set(await env.as('changchun_bureau'));
    expect(bureauView.status).toBe(200);
    const sibling = await env
      .http()
      .get('/tenants/220171')
      .set(await env.as('jilin_city_bureau'));
    expect(sibling.status).toBe(404);

    const underCounty = await env.http().post('/tenants').set(auth).send({ code: '220199', name: '某园区', parentCode: '220102' });
    expect(underCounty.status).toBe(400);
    expect(underCounty.body.errors[0].field).toBe('parentCode');

    const byBureau = await env
      .http()
      .post('/tenants')
      .set(await env.as('changchun_bureau'))
      .send({ code: '220172', name: '某开发区', parentCode: '220100' });
    expect(byBureau.status).toBe(403);

    const duplicate = await env.http().post('/tenants').set(auth).send({ code: '220171', name: '重复', parentCode: '220100' });
    expect(duplicate.status).toBe(409);

    expect((await env.http().delete('/tenants/220171').set(auth)).status).toBe(204);
    const administrative = await env.http().delete('/tenants/220102').set(auth);
    expect(administrative.status).toBe(403);
  });

  it('refuses to delete a tenant that still holds data, and keeps everything', async () => {
    const auth = await env.as('province_admin');
    await env.http().post('/tenants').set(auth).send({ code: '220173', name: '长春某开发区', parentCode: '220100' });
    const org = await env.http().post('/organizations').set(auth).send({ tenantCode: '220173', name: '开发区企业', type: 'enterprise' });
    expect(org.status).toBe(201);
    const before = await snapshot(env.db);
    const res = await env.http().delete('/tenants/220173').set(auth);
    expect(res.status).toBe(409);
    expect(await snapshot(env.db)).toBe(before);
  });
});
