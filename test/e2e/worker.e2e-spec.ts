import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { until } from '../support/poll.js';
import { redisUrl } from '../support/run.js';
import { SETUP_TIMEOUT_MS, startTestEnv, type TestEnv } from '../support/test-app.js';

describe('apps/worker runs the background jobs (BullMQ)', () => {
  let env: TestEnv;
  let redis: Redis;
  let mailQueue: Queue;
  beforeAll(async () => {
    env = await startTestEnv({ env: { RUN_WORKERS_IN_API: '0' } });
    redis = new Redis(redisUrl(), { maxRetriesPerRequest: null });
    mailQueue = new Queue('mail', { prefix: `${env.redisPrefix}:bull`, connection: redis });
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await mailQueue.close();
    await redis.quit();
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
    // The job waits in the queue and no process consumes the queue: no need to wait and see.
    await until('the mail job in the queue', async () => (await mailQueue.getJobCounts('wait')).wait === 1);
    expect(await mailQueue.getWorkersCount()).toBe(0);
    expect(await env.smtp.messages()).toHaveLength(0); // the API alone does not send
    await env.startWorker();
    const mails = await env.smtp.waitFor(1);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('【吉林省科技大市场】您的账号已开通');
    expect(mails[0].text).toContain('赵六');
  });
});
