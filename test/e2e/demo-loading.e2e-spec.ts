import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { until } from '../support/poll.js';
import { redisUrl } from '../support/run.js';
import { SETUP_TIMEOUT_MS, type TestEnv, useSharedApi } from '../support/test-app.js';

/**
 * `npm start` serves at once and loads the demo catalog in the background (scripts/start.sh):
 * the loader reports its progress, the API shows it to anyone (the console's login page), and
 * the catalog appears all at once when the load commits.
 */
describe('the demo catalog loads in the background and says how far it is', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await useSharedApi();
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await env.close();
  });

  it('reports loading, then done with the catalog in place', async () => {
    expect((await env.http().get('/demo/status')).body).toEqual({ state: 'none' });
    const loader = spawn(process.execPath, [path.resolve('dist/scripts/generate-demo.js'), '--scale', 'small'], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: (env.db as unknown as { options: { connectionString: string } }).options.connectionString,
        REDIS_URL: redisUrl(),
        REDIS_PREFIX: env.redisPrefix,
      },
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => loader.on('exit', resolve));
    const seen = new Set<string>();
    const done = await until(
      'the demo load to finish',
      async () => {
        const status = (await env.http().get('/demo/status')).body as { state: string; step: number; steps: number; scale: string };
        seen.add(status.state);
        return status.state === 'done' || status.state === 'failed' ? status : null;
      },
      120_000,
    );
    expect(await exited).toBe(0);
    expect(done).toMatchObject({ state: 'done', scale: 'small', step: 7, steps: 7 });
    expect(seen.has('failed')).toBe(false);
    const { rows } = await env.db.query(`SELECT count(*)::int AS n FROM achievement`);
    expect(rows[0].n).toBe(2000);
    const installed = await env.db.query(`SELECT count(*)::int AS n FROM plugin_installation`);
    expect(installed.rows[0].n).toBe(6);
  });
});
