import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { snapshot, SETUP_TIMEOUT_MS, type TestEnv, useSharedApi } from '../support/test-app.js';

/** Bad input gets a 4xx problem+json naming the field (zh-CN, or English on request); nothing stored changes. */
describe('bad input (错误输入)', () => {
  let env: TestEnv;
  let before: string;
  let admin: { authorization: string };
  beforeAll(async () => {
    env = await useSharedApi();
    admin = await env.as('province_admin');
    before = await snapshot(env.db);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    expect(await snapshot(env.db)).toBe(before);
    await env.close();
  });

  const problem = (res: { status: number; headers: Record<string, string>; body: { status: number; errors?: { field: string }[] } }) => {
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(res.status);
  };
  const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

  it('malformed JSON', async () => {
    const res = await env.http().patch('/tenants/220100').set(admin).set('content-type', 'application/json').send('{"displayName": "长春');
    problem(res);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('MALFORMED_BODY');
    expect(res.body.title).toBe('请求体不是合法的 JSON');
  });

  it('wrong types, field by field, in Chinese', async () => {
    const res = await env
      .http()
      .patch('/tenants/220100')
      .set(admin)
      .send({ displayName: 42, subMarketOpen: 'yes', contactEmail: 'not-an-email' });
    problem(res);
    expect(fields(res).sort()).toEqual(['contactEmail', 'displayName', 'subMarketOpen']);
    const byField = Object.fromEntries(res.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]));
    expect(byField.displayName).toBe('displayName: 必须是字符串');
    expect(byField.subMarketOpen).toBe('subMarketOpen: 必须是布尔值');
    expect(byField.contactEmail).toBe('contactEmail: 不是有效的邮箱地址');
  });

  it('the same in English on Accept-Language: en', async () => {
    const res = await env.http().patch('/tenants/220100').set(admin).set('accept-language', 'en-US,en;q=0.9').send({ displayName: 42 });
    expect(res.body.title).toBe('The request is invalid');
    expect(res.body.errors[0].message).toBe('displayName: must be a string');
    expect(res.headers['content-language']).toBe('en');
  });

  it('unknown fields are named, not silently dropped', async () => {
    const res = await env.http().patch('/tenants/220100').set(admin).send({ displayName: '长春', tier: 'province', code: '110000' });
    problem(res);
    expect(fields(res).sort()).toEqual(['code', 'tier']);
    expect(res.body.errors[0].message).toMatch(/不允许的字段/);
  });

  it('over-long strings, with the limit in the message', async () => {
    const res = await env
      .http()
      .patch('/tenants/220100')
      .set(admin)
      .send({ displayName: '长'.repeat(65) });
    problem(res);
    expect(res.body.errors[0]).toMatchObject({ field: 'displayName', code: 'maxLength', message: 'displayName: 长度不能超过 64 个字符' });
    const huge = await env
      .http()
      .patch('/tenants/220100')
      .set(admin)
      .send({ displayName: 'x'.repeat(2_000_000) });
    expect(huge.status).toBe(413);
  });

  it('invalid tenant codes in paths, queries and bodies', async () => {
    for (const path of ['/tenants/22010', '/tenants/abcdef', '/tenants/2201000']) {
      const res = await env.http().get(path).set(admin);
      problem(res);
      expect(res.status).toBe(400);
      expect(fields(res)).toEqual(['code']);
    }
    const q = await env.http().get('/tenants').query({ parentCode: 'x' }).set(admin);
    expect(fields(q)).toEqual(['parentCode']);
    const unknown = await env.http().get('/tenants/650000').set(admin);
    expect(unknown.status).toBe(404);
    const body = await env.http().post('/organizations').set(admin).send({ tenantCode: '2201', name: '某企业', type: 'enterprise' });
    expect(fields(body)).toEqual(['tenantCode']);
  });

  it('bad ids, cursors, enums, limits and credit codes', async () => {
    expect(fields(await env.http().get('/organizations/not-a-uuid').set(admin))).toEqual(['id']);
    expect(fields(await env.http().get('/tenants').query({ cursor: '!!!' }).set(admin))).toEqual(['cursor']);
    expect(fields(await env.http().get('/tenants').query({ limit: 0 }).set(admin))).toEqual(['limit']);
    expect(fields(await env.http().get('/tenants').query({ limit: 'ten' }).set(admin))).toEqual(['limit']);
    expect(fields(await env.http().get('/tenants').query({ tier: 'village' }).set(admin))).toEqual(['tier']);
    const org = await env
      .http()
      .post('/organizations')
      .set(admin)
      .send({ tenantCode: '220100', name: '', type: 'company', creditCode: '91350100M000100Y44' });
    expect(fields(org).sort()).toEqual(['creditCode', 'name', 'type']);
    const roles = await env
      .http()
      .post('/users')
      .set(admin)
      .send({ tenantCode: '220100', username: 'a b', displayName: 'x', password: 'short', roles: ['king'] });
    expect(fields(roles).sort()).toEqual(['password', 'roles', 'username']);
  });

  it('unknown routes and unsupported content types', async () => {
    const none = await env.http().get('/no-such-thing').set(admin);
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('ROUTE_NOT_FOUND');
    const text = await env.http().patch('/tenants/220100').set(admin).set('content-type', 'application/xml').send('<x/>');
    problem(text);
    expect(text.status).toBe(415);
  });
});
