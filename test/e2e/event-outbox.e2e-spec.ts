import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { until } from '../support/poll.js';
import { redisUrl } from '../support/run.js';
import { SETUP_TIMEOUT_MS, startTestEnv, type TestEnv } from '../support/test-app.js';

/**
 * The domain-event outbox (decision 0022): an event is stored with the change that produced it and
 * marked once on BullMQ; an event committed but never enqueued (the API died in between, or Redis
 * was away) is enqueued by the worker's relay, and its consumer runs — here, matching a demand.
 */
describe('domain events survive a crash between commit and enqueue', () => {
  let env: TestEnv;
  let redis: Redis;
  let matchingQueue: Queue;
  let mailQueue: Queue;

  const ok = async (user: string, path: string, body?: object) => {
    const res = await env
      .http()
      .post(path)
      .set(await env.as(user))
      .send(body);
    expect([path, res.status < 300, res.body.detail]).toEqual([path, true, undefined]);
    return res.body as { id: string };
  };

  beforeAll(async () => {
    // A relay pass every half second, on events older than that: the crash is simulated below.
    env = await startTestEnv({ env: { OUTBOX_RELAY_MS: '500' } });
    redis = new Redis(redisUrl(), { maxRetriesPerRequest: null });
    matchingQueue = new Queue('matching-events', { prefix: `${env.redisPrefix}:bull`, connection: redis });
    mailQueue = new Queue('mail', { prefix: `${env.redisPrefix}:bull`, connection: redis });
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await matchingQueue.close();
    await mailQueue.close();
    await redis.quit();
    await env.close();
  });

  it('relays an event that was committed but never enqueued, and its consumer runs once more', async () => {
    const achievement = await ok('jlu_member', '/achievements', {
      title: '玉米秸秆生物降解地膜制备技术',
      summary: '以玉米秸秆纤维为原料制备可降解地膜，九十天自然降解，适用于东北黑土地覆膜种植。',
      field: 'modern_agriculture',
      maturity: 'pilot',
      trl: 6,
      transferModes: ['licence'],
      priceFen: 30_000_000,
    });
    await ok('jlu_member', `/achievements/${achievement.id}/submit`);
    await ok('changchun_reviewer', `/achievements/${achievement.id}/publish`);
    const demand = await ok('nongan_enterprise', '/demands', {
      title: '求购玉米秸秆可降解地膜技术',
      description: '合作社需要玉米秸秆制备的可降解地膜，替代普通塑料地膜，减少白色污染。',
      field: 'modern_agriculture',
      budgetMaxFen: 50_000_000,
    });
    await ok('nongan_enterprise', `/demands/${demand.id}/submit`);
    await ok('nongan_center', `/demands/${demand.id}/publish`);

    const matched = async () => (await env.db.query(`SELECT 1 FROM match_result WHERE source_id = $1`, [demand.id])).rowCount ?? 0;
    await until('the demand’s matches', async () => (await matched()) > 0);
    // Every event published so far was stored and marked enqueued.
    const { rows: events } = await env.db.query<{ event_id: string; enqueued: boolean }>(
      `SELECT event_id, enqueued_at IS NOT NULL AS enqueued FROM domain_event_outbox
        WHERE type = 'catalog.demand_published' AND event->'entry'->>'id' = $1`,
      [demand.id],
    );
    expect(events).toEqual([{ event_id: expect.any(String), enqueued: true }]);
    const eventId = events[0].event_id;
    // The owner of the matching achievement (吉林大学) is told once, by mail.
    const noticeMails = await until('the notice mail', async () => {
      const n = (await env.smtp.messages()).length;
      return n > 0 ? n : null;
    });

    // The crash: the change and its outbox row committed, the job never reached Redis.
    await matchingQueue.remove(eventId);
    expect(await matchingQueue.getJob(eventId)).toBeUndefined();
    await env.db.query(`DELETE FROM match_result WHERE source_id = $1`, [demand.id]);
    await env.db.query(`UPDATE domain_event_outbox SET enqueued_at = NULL WHERE event_id = $1`, [eventId]);

    await until('the relay to enqueue the event and the matching job to run', async () => (await matched()) > 0);
    const { rows } = await env.db.query(`SELECT enqueued_at IS NOT NULL AS enqueued FROM domain_event_outbox WHERE event_id = $1`, [
      eventId,
    ]);
    expect(rows).toEqual([{ enqueued: true }]);
    expect(await matchingQueue.getJob(eventId)).toBeDefined();
    // At least once, consumed once: the notices already sent are not sent again.
    await until('the relayed job to complete', async () => (await matchingQueue.getJobState(eventId)) === 'completed');
    await until('the mail queue to settle', async () => {
      const c = await mailQueue.getJobCounts('wait', 'active', 'delayed', 'prioritized');
      return c.wait + c.active + c.delayed + c.prioritized === 0;
    });
    expect((await env.smtp.messages()).length).toBe(noticeMails);
  });

  it('logs a job that failed its last attempt, whatever its queue, and counts it in GET /health', async () => {
    const healthBefore = await env.http().get('/health');
    const before = healthBefore.body.details.jobs.failed['matching-events'] as number;
    expect(healthBefore.body.details.calendar).toBeDefined();
    // A job whose facts are broken: the consumer throws on its only attempt.
    const job = await matchingQueue.add(
      'catalog.demand_published',
      { type: 'catalog.demand_published', eventId: 'broken', entry: null },
      { attempts: 1 },
    );
    await until('the failed job in /health', async () => {
      const res = await env.http().get('/health');
      return res.body.details.jobs.failed['matching-events'] === before + 1;
    });
    await until('the error line in the log', async () =>
      env.output().includes(`background job failed for good: matching-events catalog.demand_published ${job.id}`),
    );
  });
});
