import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { until } from '../support/poll.js';
import { SETUP_TIMEOUT_MS, startTestEnv, type TestEnv } from '../support/test-app.js';

describe('structured request logs (结构化日志)', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ env: { LOG_LEVEL: 'info' } });
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await env.close();
  });

  it('writes one JSON line per request with its request id, and never the password', async () => {
    await env.http().get('/health').set('x-request-id', 'log-test-1');
    await env.http().post('/auth/login').set('x-request-id', 'log-test-2').send({ username: 'nobody', password: 'Sup3rSecret!' });
    await until('the log line of the second request', async () => env.output().includes('"log-test-2"'));
    const lines = env
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { req?: { id: string; url: string }; res?: { statusCode: number }; msg: string });
    const health = lines.find((l) => l.req?.id === 'log-test-1');
    expect(health).toMatchObject({ req: { url: '/health' }, res: { statusCode: 200 }, msg: 'request completed' });
    expect(lines.find((l) => l.req?.id === 'log-test-2')?.res?.statusCode).toBe(401);
    expect(env.output()).not.toContain('Sup3rSecret!');
  });
});
