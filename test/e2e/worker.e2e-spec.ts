import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestEnv, type TestEnv } from '../support/test-app.js';

describe('apps/worker runs the background jobs (BullMQ)', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ env: { RUN_WORKERS_IN_API: '0' } });
  });
  afterAll(async () => {
    await env.close();
  });

  it('mail queued by the API waits for a worker, and the worker process sends it', async () => {
    const res = await env
      .http()
      .post('/users')
      .set(await env.as('changchun_bureau'))
      .send({
        tenantCode: '220100',
        username: 'queued_mail',
        displayName: '赵六',
        email: 'zhao@example.cn',
        password: 'Passw0rd2026',
        roles: ['expert'],
      });
    expect(res.status).toBe(201);
    await new Promise((r) => setTimeout(r, 500));
    expect(env.smtp.messages).toHaveLength(0); // the API alone does not send
    await env.startWorker();
    const mails = await env.smtp.waitFor(1);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('【吉林省科技大市场】您的账号已开通');
    expect(mails[0].text).toContain('赵六');
  });
});
