import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { snapshot, SETUP_TIMEOUT_MS, startTestEnv, type TestEnv } from '../support/test-app.js';

const DEV_SECRET = 'techmarket-dev-secret-change-me-0123456789';

function sign(payload: object, secret = DEV_SECRET): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = b64({ alg: 'HS256', typ: 'JWT' });
  const body = b64(payload);
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

describe('accounts and tokens across two API processes (无状态)', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ instances: 2, env: { LOGIN_MAX_FAILURES: '5', LOGIN_LOCK_SECONDS: '60' } });
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await env.close();
  });

  it('a token issued by one process works on the other; after logout it fails on both', async () => {
    const { accessToken, refreshToken } = await env.login('changchun_bureau', 0);
    const auth = { authorization: `Bearer ${accessToken}` };
    for (const i of [0, 1]) {
      const me = await env.http(i).get('/me').set(auth);
      expect(me.status).toBe(200);
      expect(me.body.user.username).toBe('changchun_bureau');
      expect(me.body.tenant).toMatchObject({ code: '220100', name: '长春市', tier: 'city' });
      expect(Array.isArray(me.body.rules)).toBe(true);
    }
    expect((await env.http(1).post('/auth/logout').set(auth).send({ refreshToken })).status).toBe(204);
    for (const i of [0, 1]) {
      const me = await env.http(i).get('/me').set(auth);
      expect(me.status).toBe(401);
      expect(me.body.code).toBe('TOKEN_INVALID');
      const refreshed = await env.http(i).post('/auth/refresh').send({ refreshToken });
      expect(refreshed.status).toBe(401);
    }
  });

  it('rotates refresh tokens; presenting a rotated one revokes the whole family', async () => {
    const first = await env.login('changchun_reviewer', 0);
    const second = await env.http(1).post('/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(
      (
        await env
          .http(0)
          .get('/me')
          .set({ authorization: `Bearer ${second.body.accessToken}` })
      ).status,
    ).toBe(200);
    // Replay of the old token (stolen?) kills the family, including the new refresh token.
    expect((await env.http(0).post('/auth/refresh').send({ refreshToken: first.refreshToken })).status).toBe(401);
    expect((await env.http(1).post('/auth/refresh').send({ refreshToken: second.body.refreshToken })).status).toBe(401);
  });

  it('throttles repeated failed logins, counted across both processes, in Chinese', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await env
        .http(i % 2)
        .post('/auth/login')
        .send({ username: 'jlu_member', password: `wrong-${i}` });
      expect(res.status).toBe(401);
      expect(res.body.title).toBe('用户名或密码错误');
    }
    for (const i of [0, 1]) {
      const res = await env.http(i).post('/auth/login').send({ username: 'jlu_member', password: 'Demo@2026' });
      expect(res.status).toBe(429);
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(res.body.detail).toMatch(/登录失败次数过多/);
    }
    // Another account is not affected.
    expect((await env.http(0).post('/auth/login').send({ username: 'nongan_center', password: 'Demo@2026' })).status).toBe(200);
  });

  it('refuses tampered, expired, foreign-signed and malformed tokens with 401 problem+json', async () => {
    const { accessToken } = await env.login('province_admin');
    const me = await env
      .http()
      .get('/me')
      .set({ authorization: `Bearer ${accessToken}` });
    const userId = me.body.user.id as string;
    const [h, p, s] = accessToken.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payload, sub: '00000000-0000-0000-0000-000000000000' })).toString('base64url')}.${s}`;
    const now = Math.floor(Date.now() / 1000);
    const expired = sign({ sub: userId, typ: 'access', jti: 'x', iat: now - 3600, exp: now - 60, iss: 'techmarket' });
    const foreign = sign(
      { sub: userId, typ: 'access', jti: 'y', iat: now, exp: now + 600, iss: 'techmarket' },
      'another-secret-another-secret-another',
    );
    const before = await snapshot(env.db);
    for (const token of [tampered, expired, foreign, 'not-a-jwt', `${h}.${p}`]) {
      const res = await env
        .http()
        .get('/tenants')
        .set({ authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await env.http().get('/tenants')).status).toBe(401);
    expect((await env.http().get('/tenants').set({ authorization: 'Basic abc' })).status).toBe(401);
    expect(await snapshot(env.db)).toBe(before);
  });

  it('a deactivated account loses access at once, on every process', async () => {
    const admin = await env.as('province_admin');
    const target = await env.login('changchun_expert', 1);
    const list = await env.http().get('/users').query({ role: 'expert' }).set(admin);
    const expert = list.body.items.find((u: { username: string }) => u.username === 'changchun_expert');
    expect((await env.http(0).patch(`/users/${expert.id}`).set(admin).send({ isActive: false })).status).toBe(200);
    expect(
      (
        await env
          .http(1)
          .get('/me')
          .set({ authorization: `Bearer ${target.accessToken}` })
      ).status,
    ).toBe(401);
    expect((await env.http(0).post('/auth/refresh').send({ refreshToken: target.refreshToken })).status).toBe(401);
    expect((await env.http(0).post('/auth/login').send({ username: 'changchun_expert', password: 'Demo@2026' })).status).toBe(401);
  });

  it('serves health and the OpenAPI document', async () => {
    const health = await request(env.urls[1]).get('/health');
    expect(health.status).toBe(200);
    expect(health.body.info).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' } });
    const doc = await request(env.urls[0]).get('/api/docs-json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/tenants', '/tenants/{code}', '/organizations/{id}', '/users/{id}', '/me', '/audit-logs']),
    );
    expect((await request(env.urls[0]).get('/api/docs')).status).toBe(200);
  });

  it('answers every request with a request id and honours one it is given', async () => {
    const res = await env.http().get('/health').set('x-request-id', 'gw-12345');
    expect(res.headers['x-request-id']).toBe('gw-12345');
    const other = await env.http().get('/health');
    expect(other.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
