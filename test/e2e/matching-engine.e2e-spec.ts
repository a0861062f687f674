import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { until } from '../support/poll.js';
import { SETUP_TIMEOUT_MS, snapshot, type TestEnv, useSharedApi } from '../support/test-app.js';

interface Factor {
  factor: string;
  points: number;
  terms?: { term: string; points: number }[];
}
interface Match {
  kind: string;
  id: string;
  score: number;
  explanation: { score: number; factors: Factor[] };
}

/**
 * Matching and targeted push (#12 items 1–2): a demand a county posts is matched in the worker to
 * published achievements (never another tenant's drafts), the owners are told in the product and
 * by mail with the reasons, the poster sees who was told and who answered; weights are tuned and
 * previewed by the province admin only; the routes refuse a sibling city and another city's county.
 */
describe('matching and targeted push', () => {
  let env: TestEnv;
  let demandId: string;
  let publishedId: string;
  let draftId: string;

  const call = async (method: 'get' | 'post' | 'put', user: string, path: string, body?: object) => {
    const req = env
      .http()
      [method](path)
      .set(await env.as(user));
    return body ? req.send(body) : req;
  };
  const ok = async (method: 'get' | 'post' | 'put', user: string, path: string, body?: object, status = method === 'post' ? 201 : 200) => {
    const res = await call(method, user, path, body);
    expect([path, res.status, res.body.detail, res.body.errors]).toEqual([path, status, undefined, undefined]);
    return res.body;
  };
  const achievement = (title: string) => ({
    title,
    summary: `${title}：采用稀土掺杂碳纤维预浸料，低温固化，适用于风电叶片与汽车轻量化部件。`,
    field: 'new_materials',
    maturity: 'pilot',
    trl: 6,
    transferModes: ['licence'],
    priceFen: 80_000_000,
  });

  beforeAll(async () => {
    env = await useSharedApi();
    // Published by 吉林大学 (220104, Changchun); a second one with the same words stays a draft.
    const pub = await ok('post', 'jlu_member', '/achievements', achievement('碳纤维复合材料低温固化工艺'));
    publishedId = pub.id;
    await ok('post', 'jlu_member', `/achievements/${publishedId}/submit`, undefined, 200);
    await ok('post', 'changchun_reviewer', `/achievements/${publishedId}/publish`, undefined, 200);
    draftId = (await ok('post', 'jlu_member', '/achievements', achievement('碳纤维复合材料低温固化工艺（未发布）'))).id;
    // A demand of an enterprise in 农安县 (220122), published by the county centre.
    const demand = await ok('post', 'nongan_enterprise', '/demands', {
      title: '寻求碳纤维复合材料低温固化技术',
      description: '我公司生产风电叶片，需要碳纤维复合材料低温固化工艺，降低能耗，预算一百万元以内。',
      field: 'new_materials',
      budgetMaxFen: 100_000_000,
    });
    demandId = demand.id;
    await ok('post', 'nongan_enterprise', `/demands/${demandId}/submit`, undefined, 200);
    await ok('post', 'nongan_center', `/demands/${demandId}/publish`, undefined, 200);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await env.close();
  });

  it('computes the demand’s matches in the worker, explained, with no unpublished entry of another tenant', async () => {
    const body = await until('the matching job to store the demand’s matches', async () => {
      const b = (await ok('get', 'nongan_enterprise', `/matching/demands/${demandId}/matches?kind=achievement`)) as { items: Match[] };
      return b.items.length ? b : null;
    });
    const ids = body.items.map((m) => m.id);
    expect(ids[0]).toBe(publishedId);
    expect(ids).not.toContain(draftId);
    // Stored rows too: the draft was never a candidate.
    expect((await env.db.query(`SELECT 1 FROM match_result WHERE target_id = $1`, [draftId])).rowCount).toBe(0);
    for (const m of body.items) {
      const sum = m.explanation.factors.reduce((s, f) => s + f.points, 0);
      expect(sum).toBeCloseTo(m.score, 9);
      const text = m.explanation.factors.find((f) => f.factor === 'text')!;
      expect((text.terms ?? []).reduce((s, t) => s + t.points, 0)).toBeCloseTo(text.points, 9);
    }
    const top = body.items[0].explanation.factors;
    expect(top.find((f) => f.factor === 'text')!.terms!.map((t) => t.term)).toEqual(expect.arrayContaining(['碳纤维', '固化']));
  });

  it('tells the owner in the product and by a zh-CN mail with the reasons; the poster sees who was told and who answered', async () => {
    const mail = await until('the notice mail to 吉林大学', async () =>
      (await env.smtp.messages()).find(
        (m) => m.subject?.includes('寻求碳纤维复合材料低温固化技术') && m.text?.includes('碳纤维复合材料低温固化工艺'),
      ),
    );
    expect(mail.subject).toMatch(/^【吉林省科技大市场】新发布的企业需求与您匹配/);
    expect(mail.text).toMatch(/匹配原因：/);
    expect(mail.text).toMatch(/文本相似度（BM25）：共同词语：/);
    expect(JSON.stringify(mail.to)).toContain('jlu_member@demo.techmarket.cn');

    const mine = (await ok('get', 'jlu_member', '/matching/notices')).items as { id: string; demandId: string; targetId: string }[];
    const notice = mine.find((n) => n.demandId === demandId && n.targetId === publishedId)!;
    expect(notice).toBeDefined();
    // Someone else cannot answer it; nothing changes.
    const before = await snapshot(env.db, ['match_notice', 'audit_log']);
    expect((await call('post', 'nongan_enterprise', `/matching/notices/${notice.id}/interest`, {})).status).toBe(404);
    expect(await snapshot(env.db, ['match_notice', 'audit_log'])).toBe(before);

    await ok('post', 'jlu_member', `/matching/notices/${notice.id}/interest`, { message: '可提供技术许可' }, 200);
    expect((await call('post', 'jlu_member', `/matching/notices/${notice.id}/interest`, {})).status).toBe(409);
    const told = await ok('get', 'nongan_center', `/matching/demands/${demandId}/notices`);
    expect(told.answered).toBe(1);
    expect(told.items.find((n: { targetId: string }) => n.targetId === publishedId).interestMessage).toBe('可提供技术许可');
    const audit = await env.db.query(`SELECT action FROM audit_log WHERE entity_type = 'MatchNotice' AND entity_id = $1 ORDER BY id`, [
      notice.id,
    ]);
    expect(audit.rows.map((r) => r.action)).toEqual(['create', 'update']);
  });

  it('refuses the demand’s matches and notices to a sibling city, a county of another city and another organisation, changing nothing', async () => {
    const before = await snapshot(env.db, ['match_result', 'match_notice', 'matching_weights', 'audit_log']);
    for (const user of ['jilin_city_bureau', 'fengman_center', 'changchun_broker']) {
      for (const path of [`/matching/demands/${demandId}/matches`, `/matching/demands/${demandId}/notices`]) {
        expect([user, path, (await call('get', user, path)).status]).toEqual([user, path, 403]);
      }
    }
    // The owner's tier chain may read them.
    for (const user of ['nongan_center', 'changchun_bureau', 'province_admin'])
      expect([user, (await call('get', user, `/matching/demands/${demandId}/matches`)).status]).toEqual([user, 200]);
    // Weights: only the province admin changes or previews them.
    for (const user of ['changchun_bureau', 'jilin_city_bureau', 'fengman_center', 'nongan_enterprise']) {
      const w = { text: 1, field: 0, ipc: 0, maturity: 0, price: 0, licence: 0, locality: 0 };
      expect([user, (await call('put', user, '/matching/weights', w)).status]).toEqual([user, 403]);
      expect([user, (await call('post', user, '/matching/weights/preview', { demandId, weights: w })).status]).toEqual([user, 403]);
    }
    expect(await snapshot(env.db, ['match_result', 'match_notice', 'matching_weights', 'audit_log'])).toBe(before);
  });

  it('lets the province admin tune the weights: bad ones are a 400 naming the field, the preview shows both rankings', async () => {
    const bad = await call('put', 'province_admin', '/matching/weights', {
      text: 2,
      field: 0,
      ipc: 0,
      maturity: 0,
      price: 0,
      licence: 0,
      locality: 0,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['text']);
    expect(bad.body.errors[0].message).toMatch(/0 到 1/);
    const zero = await call('put', 'province_admin', '/matching/weights', {
      text: 0,
      field: 0,
      ipc: 0,
      maturity: 0,
      price: 0,
      licence: 0,
      locality: 0,
    });
    expect([zero.status, zero.body.errors.map((e: { field: string }) => e.field)]).toEqual([400, ['weights']]);
    const nested = await call('post', 'province_admin', '/matching/weights/preview', { demandId, weights: { text: -1 } });
    expect(nested.status).toBe(400);
    expect(nested.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['weights.text', 'weights.field']));

    const proposed = { text: 0, field: 0, ipc: 0, maturity: 0, price: 0, licence: 0, locality: 1 };
    const preview = await ok(
      'post',
      'province_admin',
      '/matching/weights/preview',
      { demandId, kind: 'achievement', weights: proposed },
      200,
    );
    expect(preview.current.weights.text).toBe(0.4);
    expect(preview.current.items[0].id).toBe(publishedId);
    expect(preview.proposed.weights).toEqual(proposed);
    for (const m of preview.proposed.items) {
      // Only locality counts now: every score is one of its four values, times the text relevance (相关度门槛).
      const locality = m.explanation.factors.find((f: { factor: string }) => f.factor === 'locality');
      expect([1, 0.6, 0.3, 0]).toContain(locality.value);
      expect(m.score).toBeCloseTo(locality.value * m.explanation.relevance, 6);
      expect(m.previousRank === null || typeof m.previousRank === 'number').toBe(true);
    }
    const set = await ok('put', 'province_admin', '/matching/weights', { ...proposed, text: 0.5 });
    expect(set.weights).toEqual({ ...proposed, text: 0.5 });
    expect((await ok('get', 'changchun_bureau', '/matching/weights')).weights).toEqual({ ...proposed, text: 0.5 });
    const audit = await env.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'MatchingWeights'`);
    expect(audit.rows[0].n).toBe(1);
  });
});
