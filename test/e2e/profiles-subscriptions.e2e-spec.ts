import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { checkDigit } from '../../libs/catalog/src/patent-number.js';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { until } from '../support/poll.js';
import { redisUrl } from '../support/run.js';
import { SETUP_TIMEOUT_MS, snapshot, type TestEnv, useSharedApi } from '../support/test-app.js';

interface Factor {
  factor: string;
  value: number | null;
  points: number;
  terms?: { term: string; points: number }[];
}
interface Match {
  rank: number;
  id: string;
  score: number;
  explanation: { score: number; factors: Factor[] };
}
interface Term {
  term: string;
  weight: number;
  sources: { source: string; weight: number; entries: { kind: string; id: string; title: string }[] }[];
}

const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const daysAgo = (n: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() - n * 86_400_000));

/**
 * Profiles and subscriptions (#12 items 1, 2 for profiles, 6): an enterprise's profile follows
 * what it declares and what it does (a demand it posts, an entry its user opens, a notice it
 * answers), each term with its sources; profile matches are explained, add up, and prefer the same
 * county; a subscription's digest lists the new matching entries once per period, nothing when
 * nothing matches, and stops after the signed unsubscribe link; other tenants get 403/404.
 */
describe('profiles and subscriptions', () => {
  let env: TestEnv;
  let enterpriseId: string;
  let jluId: string;

  const call = async (method: 'get' | 'post' | 'put' | 'patch' | 'delete', user: string, path: string, body?: object) => {
    const req = env
      .http()
      [method](path)
      .set(await env.as(user));
    return body ? req.send(body) : req;
  };
  const ok = async (
    method: 'get' | 'post' | 'put' | 'patch' | 'delete',
    user: string,
    path: string,
    body?: object,
    status = method === 'post' ? 201 : 200,
  ) => {
    const res = await call(method, user, path, body);
    expect([path, res.status, res.body.detail, res.body.errors]).toEqual([path, status, undefined, undefined]);
    return res.body;
  };
  const publish = async (path: string, body: object, owner = 'province_admin', reviewer = 'province_reviewer') => {
    const e = await ok('post', owner, `/${path}`, body);
    await ok('post', owner, `/${path}/${e.id}/submit`, undefined, 200);
    await ok('post', reviewer, `/${path}/${e.id}/publish`, undefined, 200);
    return e.id as string;
  };
  const organization = async (tenantCode: string, name: string, type: string) =>
    (await ok('post', 'province_admin', '/organizations', { tenantCode, name, type })).id as string;
  const achievement = (organizationId: string, title: string, field = 'modern_agriculture') => ({
    organizationId,
    title,
    summary: `${title}：以玉米秸秆为原料，低温热解制备生物炭，用于黑土地土壤改良与保水保肥。`,
    field,
    maturity: 'pilot',
    trl: 6,
    transferModes: ['licence'],
    priceFen: 50_000_000,
  });
  const profile = (user: string, id = enterpriseId) => ok('get', user, `/matching/profiles/${id}`);
  const term = (p: { terms: Term[] }, t: string) => p.terms.find((x) => x.term === t);

  beforeAll(async () => {
    env = await useSharedApi();
    const org = async (username: string) =>
      (await env.db.query(`SELECT organization_id AS id FROM user_account WHERE username = $1`, [username])).rows[0].id as string;
    enterpriseId = await org('nongan_enterprise');
    jluId = await org('jlu_member');
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await env.close();
  });

  it('builds an enterprise profile from what it declares and what it does, each term with its sources', async () => {
    const before = await profile('nongan_enterprise');
    expect(before.kind).toBe('enterprise');
    expect(before.organization).toMatchObject({ id: enterpriseId, divisionCode: '220122', tenantCode: '220122' });
    expect(term(before, '菌菇')).toBeUndefined();

    // Declared: fields, keywords, products (its own user).
    const declared = await ok('put', 'nongan_enterprise', `/matching/profiles/${enterpriseId}/declared`, {
      fields: ['modern_agriculture'],
      keywords: ['菌菇', '秸秆'],
      products: ['食用菌菌棒'],
    });
    expect(declared.declared).toMatchObject({ fields: ['modern_agriculture'], keywords: ['菌菇', '秸秆'], products: ['食用菌菌棒'] });
    expect(declared.fields).toEqual([expect.objectContaining({ field: 'modern_agriculture', sources: ['declared'], label: '现代农业' })]);
    expect(term(declared, '菌菇')!.sources.map((s: { source: string }) => s.source)).toEqual(['declared']);
    expect(term(declared, '菌菇')!.weight).toBe(3);

    // A demand it posts (published by the county centre).
    const demandId = await publish(
      'demands',
      {
        title: '寻求蓝莓冷链保鲜技术',
        description: '我公司种植蓝莓，需要冷链保鲜与分级包装技术，延长货架期。',
        field: 'agri_processing',
        budgetMaxFen: 30_000_000,
      },
      'nongan_enterprise',
      'nongan_center',
    );
    const withDemand = await profile('nongan_enterprise');
    const blueberry = term(withDemand, '蓝莓')!;
    expect(blueberry.sources).toEqual([
      expect.objectContaining({ source: 'demand', entries: [expect.objectContaining({ id: demandId })] }),
    ]);
    expect(withDemand.fields.map((f: { field: string }) => f.field)).toEqual(['modern_agriculture', 'agri_processing']);
    expect(withDemand.budgetMaxFen).toBe(30_000_000);

    // An entry its user opens (twice): recorded once, from the catalog's event, in the worker.
    const viewedId = await publish('achievements', achievement(jluId, '人参林下仿生栽培技术'), 'jlu_member', 'changchun_reviewer');
    await ok('get', 'nongan_enterprise', `/achievements/${viewedId}`);
    await ok('get', 'nongan_enterprise', `/achievements/${viewedId}`);
    // Its own demand opened by its own user is no view.
    await ok('get', 'nongan_enterprise', `/demands/${demandId}`);
    const viewed = await until('the view in the profile', async () => {
      const p = await profile('nongan_enterprise');
      return term(p, '人参') ? p : null;
    });
    expect(term(viewed, '人参')!.sources).toEqual([
      expect.objectContaining({
        source: 'viewed',
        weight: 1,
        entries: [{ kind: 'achievement', id: viewedId, title: '人参林下仿生栽培技术' }],
      }),
    ]);
    const views = await env.db.query(`SELECT entry_id FROM profile_view WHERE organization_id = $1`, [enterpriseId]);
    expect(views.rows.map((r) => r.entry_id)).toEqual([viewedId]);

    // A notice it answers: its own published achievement matches another firm's demand; it expresses interest.
    await publish('achievements', achievement(enterpriseId, '稻壳活性炭制备工艺', 'new_materials'), 'nongan_enterprise', 'nongan_center');
    const buyer = await organization('220104', '画像测试采购企业', 'enterprise');
    const wanted = await publish('demands', {
      organizationId: buyer,
      title: '求购稻壳活性炭制备技术',
      description: '需要稻壳活性炭制备技术，用于净水滤料。',
      field: 'new_materials',
    });
    const notice = await until('the notice to the enterprise', async () =>
      ((await ok('get', 'nongan_enterprise', '/matching/notices')).items as { id: string; demandId: string }[]).find(
        (n) => n.demandId === wanted,
      ),
    );
    await ok('post', 'nongan_enterprise', `/matching/notices/${notice.id}/interest`, { message: '可合作' }, 200);
    const answered = await profile('nongan_enterprise');
    expect(term(answered, '活性炭')!.sources).toEqual([
      expect.objectContaining({
        source: 'interest',
        weight: 2,
        entries: [{ kind: 'demand', id: wanted, title: '求购稻壳活性炭制备技术' }],
      }),
    ]);
    // Declared words still lead: they weigh most.
    expect(answered.terms[0].weight).toBeGreaterThanOrEqual(3);
  });

  it('builds an institution’s profile from its achievements', async () => {
    const p = await profile('jlu_member', jluId);
    expect(p.kind).toBe('institution');
    expect(p.declared).toBeNull();
    expect(term(p, '人参')!.sources.map((s: { source: string }) => s.source)).toEqual(['achievement']);
  });

  it('matches achievements to the enterprise’s profile, explained and adding up; the same county first when all else is equal', async () => {
    // Two institutions with the same name, one in 农安县 (the enterprise's county), one in 吉林市; the same achievement each.
    const near = await organization('220122', '秸秆综合利用测试研究所', 'university_institute');
    const far = await organization('220202', '秸秆综合利用测试研究所', 'university_institute');
    const title = '玉米秸秆菌菇基质栽培技术';
    const nearId = await publish('achievements', achievement(near, title));
    const farId = await publish('achievements', achievement(far, title));

    const body = await ok('get', 'nongan_enterprise', `/matching/profiles/${enterpriseId}/matches?kind=achievement`);
    const items = body.items as Match[];
    for (const m of items) {
      expect(m.explanation.factors.reduce((s, f) => s + f.points, 0)).toBeCloseTo(m.score, 9);
      const text = m.explanation.factors.find((f) => f.factor === 'text')!;
      expect((text.terms ?? []).reduce((s, t) => s + t.points, 0)).toBeCloseTo(text.points, 9);
    }
    const a = items.find((m) => m.id === nearId)!;
    const b = items.find((m) => m.id === farId)!;
    // Near before far; not necessarily first overall: under the relevance gate (0016) the achievement the
    // enterprise viewed, whose words are in its profile, may lead on text.
    expect(b.rank).toBeGreaterThan(a.rank);
    const byFactor = (m: Match) => Object.fromEntries(m.explanation.factors.map((f) => [f.factor, f.points]));
    const [pa, pb] = [byFactor(a), byFactor(b)];
    expect({ ...pa, locality: 0 }).toEqual({ ...pb, locality: 0 });
    expect(a.explanation.factors.find((f) => f.factor === 'locality')!.value).toBe(1);
    expect(b.explanation.factors.find((f) => f.factor === 'locality')!.value).toBe(0.3);
    expect(a.explanation.factors.find((f) => f.factor === 'text')!.terms!.map((t) => t.term)).toEqual(
      expect.arrayContaining(['菌菇', '秸秆']),
    );
    // Patents: only those under an open licence (开放许可) are offered.
    const patent = async (digits: string, open: boolean) => {
      const id = await publish('patents', {
        organizationId: near,
        applicationNumber: `${digits}.${checkDigit(digits)}`,
        title: '一种玉米秸秆菌菇基质及其制备方法',
        abstract: '以玉米秸秆为主料的菌菇栽培基质。',
        patentType: 'invention',
        legalStatus: 'granted',
        field: 'modern_agriculture',
      });
      if (open)
        await ok('post', 'province_admin', `/patents/${id}/open-licences`, {
          feeType: 'lump_sum',
          feeFen: 1_000_000,
          periodStart: '2026-01-01',
          periodEnd: '2028-12-31',
        });
      return id;
    };
    const openPatent = await patent('202310088881', true);
    const closedPatent = await patent('202310088882', false);
    const patents = (await ok('get', 'nongan_enterprise', `/matching/profiles/${enterpriseId}/matches?kind=patent`)).items as Match[];
    expect(patents.map((m) => m.id)).toEqual([openPatent]);
    expect(patents.map((m) => m.id)).not.toContain(closedPatent);
    expect(patents[0].explanation.factors.find((f) => f.factor === 'licence')!.value).toBe(0.8);

    // Its own achievement is never offered to it.
    const own = (await env.db.query(`SELECT id FROM achievement WHERE organization_id = $1`, [enterpriseId])).rows.map((r) => r.id);
    expect(own.length).toBe(1);
    expect(items.map((m) => m.id)).not.toContain(own[0]);
  });

  it('keeps profiles to the organisation and its tier chain: other tenants and organisations get 403, nothing changes', async () => {
    const before = await snapshot(env.db, ['organization_profile', 'audit_log']);
    for (const user of ['jilin_city_bureau', 'fengman_center', 'jlu_member', 'changchun_broker']) {
      for (const path of [`/matching/profiles/${enterpriseId}`, `/matching/profiles/${enterpriseId}/matches`])
        expect([user, path, (await call('get', user, path)).status]).toEqual([user, path, 403]);
    }
    for (const user of ['nongan_center', 'changchun_bureau', 'province_admin', 'jlu_member', 'jilin_city_bureau'])
      expect([
        user,
        (await call('put', user, `/matching/profiles/${enterpriseId}/declared`, { fields: [], keywords: ['x'], products: [] })).status,
      ]).toEqual([user, 403]);
    for (const user of ['nongan_center', 'changchun_bureau', 'province_admin'])
      expect([user, (await call('get', user, `/matching/profiles/${enterpriseId}`)).status]).toEqual([user, 200]);
    expect((await call('get', 'province_admin', '/matching/profiles/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    // Bad declared input: 400 naming the field, nothing stored.
    const bad = await call('put', 'nongan_enterprise', `/matching/profiles/${enterpriseId}/declared`, {
      fields: ['fishing'],
      keywords: ['！！'],
      products: [],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['fields', 'keywords']);
    expect(await snapshot(env.db, ['organization_profile', 'audit_log'])).toBe(before);
  });

  describe('subscriptions', () => {
    let subId: string;
    const digestMails = async (to: string) =>
      (await env.smtp.messages()).filter((m) => m.subject?.includes('订阅推送') && JSON.stringify(m.to).includes(to));
    const run = async (date: string) => {
      const { jobId } = await ok('post', 'province_admin', '/matching/subscriptions/digests', { frequency: 'daily', date }, 202);
      return until(`digest run ${jobId}`, async () => {
        const s = await ok('get', 'province_admin', `/matching/subscriptions/digests?jobId=${jobId}`);
        if (s.job?.state === 'failed') throw new Error(`digests failed: ${JSON.stringify(s.job)}`);
        return s.job?.state === 'completed' ? (s.job.result as { sent: number; subscriptions: number }) : null;
      });
    };

    it('refuses bad subscriptions with a 400 naming the field, storing nothing', async () => {
      const before = await snapshot(env.db, ['subscription', 'audit_log']);
      const cases: [object, string[]][] = [
        [{ keywords: ['菌草'], frequency: 'hourly' }, ['frequency']],
        [{ frequency: 'daily' }, ['fields']],
        [{ fields: [], keywords: [], frequency: 'weekly' }, ['fields']],
        [{ fields: ['fishing'], frequency: 'daily' }, ['fields']],
        [{ keywords: ['——'], frequency: 'daily' }, ['keywords']],
        [{ keywords: ['菌草'], kinds: ['contract'], frequency: 'daily' }, ['kinds']],
      ];
      for (const [body, fields] of cases) {
        const res = await call('post', 'nongan_enterprise', '/matching/subscriptions', body);
        expect([body, res.status, (res.body.errors ?? []).map((e: { field: string }) => e.field)]).toEqual([body, 400, fields]);
      }
      const msg = await call('post', 'nongan_enterprise', '/matching/subscriptions', { frequency: 'daily' });
      expect(msg.body.errors[0].message).toMatch(/行业领域|关键词/);
      const date = await call('post', 'province_admin', '/matching/subscriptions/digests', { frequency: 'daily', date: '2999-01-01' });
      expect([date.status, date.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, ['date']]);
      expect(await snapshot(env.db, ['subscription', 'audit_log'])).toBe(before);
    });

    it('mails a digest of the new matching entries once per period, nothing when nothing matches, nothing after unsubscribing', async () => {
      const sub = await ok('post', 'nongan_enterprise', '/matching/subscriptions', {
        fields: ['modern_agriculture'],
        keywords: ['菌草'],
        frequency: 'daily',
      });
      subId = sub.id;
      expect(sub).toMatchObject({ kinds: ['achievement', 'patent', 'demand'], active: true });
      // A researcher's subscription nothing will match.
      await ok('post', 'jlu_member', '/matching/subscriptions', { keywords: ['量子点显示'], frequency: 'daily' });

      const lab = await organization('220104', '农业生态测试研究中心', 'university_institute');
      await publish('achievements', achievement(lab, '菌草栽培食用菌技术'));
      await publish('achievements', achievement(lab, '菌草饲料粉碎设备', 'high_end_equipment')); // another field
      await publish('achievements', achievement(lab, '玉米深松整地技术')); // no 菌草

      expect((await run(daysAgo(1))).sent).toBe(1);
      const mail = (
        await until('the digest mail', async () =>
          (await digestMails('nongan_enterprise')).length ? digestMails('nongan_enterprise') : null,
        )
      )[0];
      expect(mail.subject).toBe('【吉林省科技大市场】订阅推送（每日）：1 条新条目');
      expect(mail.text).toContain('菌草栽培食用菌技术');
      expect(mail.text).not.toContain('菌草饲料粉碎设备');
      expect(mail.text).not.toContain('玉米深松整地技术');
      expect(mail.text).toMatch(/关键词：菌草/);

      // The same period again (a retried or repeated run): nothing more.
      expect((await run(daysAgo(1))).sent).toBe(0);
      // The next period: only what is new since the last digest.
      await publish('achievements', achievement(lab, '菌草固沙生态修复技术'));
      expect((await run(TODAY)).sent).toBe(1);
      const mails = await until('the second digest', async () => {
        const m = await digestMails('nongan_enterprise');
        return m.length === 2 ? m : null;
      });
      const latest = mails.find((m) => m.text?.includes('菌草固沙生态修复技术'))!;
      expect(latest.text).not.toContain('菌草栽培食用菌技术');
      expect((await run(TODAY)).sent).toBe(0);
      const digests = await env.db.query(`SELECT period, entry_count FROM subscription_digest WHERE subscription_id = $1 ORDER BY period`, [
        subId,
      ]);
      expect(digests.rows).toEqual([
        { period: daysAgo(1), entry_count: 1 },
        { period: TODAY, entry_count: 1 },
      ]);
      // Nothing matched the researcher's: no mail.
      expect(await digestMails('jlu_member')).toEqual([]);

      // The signed one-click link; a tampered one is refused.
      const link = new URL(/不再接收此订阅：(\S+)/.exec(latest.text!)![1]);
      const tampered = await env.http().get(`${link.pathname}?s=${subId}&sig=${link.searchParams.get('sig')!.slice(1)}x`);
      expect(tampered.status).toBe(400);
      const out = await env.http().get(`${link.pathname}${link.search}`);
      expect([out.status, out.text]).toEqual([200, expect.stringContaining('已退订')]);
      expect(await ok('get', 'nongan_enterprise', `/matching/subscriptions/${subId}`)).toMatchObject({ active: false });
      await publish('achievements', achievement(lab, '菌草根系水土保持技术'));
      const afterOut = await run(daysAgo(2));
      expect(afterOut.sent).toBe(0);
      expect((await digestMails('nongan_enterprise')).length).toBe(2);
    });

    it('sends a claimed digest at least once through the outbox, and a second delivery of its event mails no one again', async () => {
      // The claim stored its mails as the event matching.digest_claimed, marked enqueued.
      const { rows } = await env.db.query<{ event: { eventId: string; digestId: string }; enqueued: boolean }>(
        `SELECT event, enqueued_at IS NOT NULL AS enqueued FROM domain_event_outbox WHERE type = 'matching.digest_claimed' ORDER BY created_at`,
      );
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(rows.every((r) => r.enqueued)).toBe(true);
      const mailed = (await digestMails('nongan_enterprise')).length;
      // The event delivered again under another job id (a relay after BullMQ dropped the first job).
      const redis = new Redis(redisUrl(), { maxRetriesPerRequest: null });
      const prefix = `${env.redisPrefix}:bull`;
      const digests = new Queue('matching-digests', { prefix, connection: redis });
      const mail = new Queue('mail', { prefix, connection: redis });
      try {
        const again = await digests.add('matching.digest_claimed', rows[0].event, { jobId: `again-${rows[0].event.eventId}` });
        await until('the second delivery to be processed', async () => (await digests.getJobState(again.id!)) === 'completed');
        await until('the mail queue to settle', async () => {
          const c = await mail.getJobCounts('wait', 'active', 'delayed', 'prioritized');
          return c.wait + c.active + c.delayed + c.prioritized === 0;
        });
        expect((await digestMails('nongan_enterprise')).length).toBe(mailed);
      } finally {
        await digests.close();
        await mail.close();
        await redis.quit();
      }
    });

    it('keeps subscriptions to their owner: other users and tenants get 404/403, nothing changes; the schedules are registered', async () => {
      const before = await snapshot(env.db, ['subscription', 'audit_log']);
      for (const user of ['jlu_member', 'changchun_expert']) {
        expect([user, (await call('get', user, `/matching/subscriptions/${subId}`)).status]).toEqual([user, 404]);
        expect([user, (await call('patch', user, `/matching/subscriptions/${subId}`, { active: true })).status]).toEqual([user, 404]);
        expect([user, (await call('delete', user, `/matching/subscriptions/${subId}`)).status]).toEqual([user, 404]);
        expect((await ok('get', user, '/matching/subscriptions')).items.map((s: { id: string }) => s.id)).not.toContain(subId);
      }
      for (const user of ['jilin_city_bureau', 'nongan_center', 'province_admin'])
        expect([user, (await call('get', user, `/matching/subscriptions/${subId}`)).status]).toEqual([user, 403]);
      for (const user of ['changchun_bureau', 'nongan_enterprise'])
        expect([user, (await call('post', user, '/matching/subscriptions/digests', { frequency: 'daily' })).status]).toEqual([user, 403]);
      expect(await snapshot(env.db, ['subscription', 'audit_log'])).toBe(before);
      const s = await ok('get', 'province_admin', '/matching/subscriptions/digests');
      expect(s.schedule).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ id: 'matching-daily-digests', pattern: '0 0 7 * * *', tz: 'Asia/Shanghai' }),
          expect.objectContaining({ id: 'matching-weekly-digests', pattern: '0 30 7 * * 1', tz: 'Asia/Shanghai' }),
        ]),
      );
      // The owner manages it: resume, change, delete.
      const resumed = await ok('patch', 'nongan_enterprise', `/matching/subscriptions/${subId}`, { active: true, frequency: 'weekly' });
      expect(resumed).toMatchObject({ active: true, frequency: 'weekly', unsubscribedAt: null });
      await ok('delete', 'nongan_enterprise', `/matching/subscriptions/${subId}`, undefined, 204);
      expect((await call('get', 'nongan_enterprise', `/matching/subscriptions/${subId}`)).status).toBe(404);
    });
  });
});
