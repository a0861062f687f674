import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SETUP_TIMEOUT_MS, type TestEnv, useSharedApi } from '../support/test-app.js';

describe('organisations and accounts (机构与账号)', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await useSharedApi();
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await env.close();
  });

  it('a county centre registers a local enterprise and opens an account for it; the welcome mail arrives in Chinese', async () => {
    const center = await env.as('nongan_center');
    const org = await env
      .http()
      .post('/organizations')
      .set(center)
      .send({ tenantCode: '220122', name: '农安县玉米深加工有限公司', type: 'enterprise', creditCode: '91350100M000100Y43' });
    expect(org.status).toBe(201);
    // Statuses are not set at registration: staff confirm them later from a named source.
    expect(org.body).toMatchObject({ tenantCode: '220122', divisionCode: '220122', inProvince: true, isSme: false, isSpecialized: false });

    const user = await env
      .http()
      .post('/users')
      .set(center)
      .send({
        tenantCode: '220122',
        organizationId: org.body.id,
        username: 'Corn_Owner',
        displayName: '李四',
        email: 'lisi@example.cn',
        password: 'Passw0rd2026',
        roles: ['enterprise_member'],
      });
    expect(user.status).toBe(201);
    expect(user.body.username).toBe('corn_owner');
    expect(user.body).not.toHaveProperty('passwordHash');

    const mails = await env.smtp.waitFor(1);
    const mail = mails.find((m) => m.subject?.includes('账号已开通'));
    expect(mail?.subject).toBe('【吉林省科技大市场】您的账号已开通');
    expect(mail?.text).toContain('用户名：corn_owner');
    expect(mail?.text).toContain('农安县');
    expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toContain('lisi@example.cn');

    // The new member logs in and sees its own organisation, not its neighbours.
    const login = await env.http().post('/auth/login').send({ username: 'corn_owner', password: 'Passw0rd2026' });
    expect(login.status).toBe(200);
    const auth = { authorization: `Bearer ${login.body.accessToken}` };
    const orgs = await env.http().get('/organizations').set(auth);
    expect(orgs.body.items.map((o: { id: string }) => o.id)).toEqual([org.body.id]);

    // The audit log records the creation, with the password redacted.
    const log = await env
      .http()
      .get('/audit-logs')
      .query({ entityId: user.body.id })
      .set(await env.as('changchun_bureau'));
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0].changes.passwordHash.to).toBe('[redacted]');
    expect(log.body.items[0].changes.username.to).toBe('corn_owner');
  });

  it('a duplicate username is a 409 naming it, and no second account is stored', async () => {
    const admin = await env.as('province_admin');
    const res = await env
      .http()
      .post('/users')
      .set(admin)
      .send({ tenantCode: '220100', username: 'CHANGCHUN_BUREAU', displayName: '重复', password: 'Passw0rd2026', roles: ['expert'] });
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('changchun_bureau');
    const { rows } = await env.db.query(`SELECT count(*)::int AS n FROM user_account WHERE username = 'changchun_bureau'`);
    expect(rows[0].n).toBe(1);
  });

  it('an account must belong to an organisation of its own tenant', async () => {
    const admin = await env.as('province_admin');
    const { rows } = await env.db.query(`SELECT o.id FROM organization o JOIN tenant t ON t.id = o.tenant_id WHERE t.code = '220104'`);
    const res = await env
      .http()
      .post('/users')
      .set(admin)
      .send({
        tenantCode: '220100',
        organizationId: rows[0].id,
        username: 'misplaced',
        displayName: '错位',
        password: 'Passw0rd2026',
        roles: ['institution_member'],
      });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('organizationId');
  });

  it('changing one’s password ends the other sessions and needs the current password', async () => {
    const first = await env.login('changchun_broker');
    const auth = { authorization: `Bearer ${first.accessToken}` };
    const wrong = await env.http().post('/me/password').set(auth).send({ currentPassword: 'nope', newPassword: 'NewPassw0rd' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].field).toBe('currentPassword');
    expect(
      (await env.http().post('/me/password').set(auth).send({ currentPassword: 'Demo@2026', newPassword: 'NewPassw0rd' })).status,
    ).toBe(204);
    expect((await env.http().post('/auth/refresh').send({ refreshToken: first.refreshToken })).status).toBe(401);
    expect((await env.http().post('/auth/login').send({ username: 'changchun_broker', password: 'NewPassw0rd' })).status).toBe(200);
  });

  it('/me carries packed CASL rules a client can use to hide what the user cannot do', async () => {
    const me = await env
      .http()
      .get('/me')
      .set(await env.as('changchun_reviewer'));
    expect(me.status).toBe(200);
    const rules = me.body.rules as unknown[][];
    // packRules: [action, subject, conditions?, inverted?, fields?, reason?]
    expect(rules.some((r) => r[0] === 'read' && r[1] === 'Organization')).toBe(true);
    expect(rules.some((r) => String(r[0]).includes('create') && r[1] === 'Organization')).toBe(false);
  });
});
