import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SETUP_TIMEOUT_MS, startTestEnv, type TestEnv } from '../support/test-app.js';

describe('rate limit shared by all API processes (限流)', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv({ instances: 2, env: { RATE_LIMIT_PER_MINUTE: '6' } });
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await env.close();
  });

  it('counts requests to both processes against one limit and answers 429 in Chinese', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await env.http(i % 2).get('/health')).status);
    expect(statuses.slice(0, 6)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(statuses.slice(6)).toEqual([429, 429]);
    const res = await env.http(1).get('/health');
    expect(res.body).toMatchObject({ code: 'RATE_LIMITED', title: '请求过于频繁，请稍后再试' });
  });
});
