import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MatchFunnelRow as Funnel } from '@techmarket/campaigns';
import { call as callAs } from '../support/policy.js';
import { until } from '../support/poll.js';
import { SETUP_TIMEOUT_MS, snapshot, type TestEnv, useSharedApi } from '../support/test-app.js';

const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const YEAR = TODAY.slice(0, 4);
const AMOUNT = 30_000_000;
const TECH = 28_000_000;

/**
 * 撮合闭环 (#12 item 5, match notices) through HTTP: a county centre publishes an enterprise's demand,
 * the matching worker tells the owner of the matching achievement, the owner answers, the county
 * centre records the contact, a contract between the demand's firm (buyer) and the owner (seller)
 * is registered and credited; the funnel per tier (county, city, province) and the roll-up's
 * `sections.matches` show it, an unrelated contract is not credited, other tenants are refused.
 */
describe('the closed loop of match notices (撮合闭环)', () => {
  let env: TestEnv;
  let demandId: string;
  let achievementId: string;
  let noticeId: string;
  let firm: string;
  let jlu: string;
  let stranger: string;
  let rolledBefore: Funnel;

  const call = (method: 'get' | 'post', user: string, path: string, body?: object) => callAs(env, method, user, path, body);
  const ok = async (method: 'get' | 'post', user: string, path: string, body?: object, status = method === 'post' ? 201 : 200) => {
    const res = await call(method, user, path, body);
    expect([path, res.status, res.body.detail, res.body.errors]).toEqual([path, status, undefined, undefined]);
    return res.body;
  };
  const rolled = async (): Promise<Funnel> =>
    (await ok('get', 'province_admin', `/rollup/statistics?tenantCode=220000&period=${YEAR}`)).sections.matches.total;
  /** Registered by the province's registrar, as the campaigns' suite does; returns the contract's id. */
  const register = async (buyer: string, seller: string) => {
    const c = await ok('post', 'province_admin', '/contracts', {
      title: '秸秆纤维素酶解糖化技术开发合同',
      contractType: 'licence',
      subType: 'patent_ordinary',
      sellerOrgId: seller,
      buyerOrgId: buyer,
      amountFen: AMOUNT,
      techTransactionFen: TECH,
      signedOn: TODAY,
      patentIds: [],
    });
    await ok('post', 'province_reviewer', `/contracts/${c.id}/register`, undefined, 200);
    return c.id as string;
  };

  beforeAll(async () => {
    env = await useSharedApi();
    firm = (await env.db.query(`SELECT organization_id FROM user_account WHERE username = 'nongan_enterprise'`)).rows[0].organization_id;
    jlu = (await env.db.query(`SELECT id FROM organization WHERE name = '吉林大学'`)).rows[0].id;
    stranger = (
      await env.db.query(
        `INSERT INTO organization (name, type, tenant_id, division_code)
         SELECT '无关技术服务有限公司（撮合闭环测试）', 'enterprise', t.id, t.code FROM tenant t WHERE t.code = '220104' RETURNING id`,
      )
    ).rows[0].id;
    rolledBefore = await rolled();
    // 吉林大学 publishes an achievement; an enterprise of 农安县 posts a demand with the same rare words, published by the county centre.
    achievementId = (
      await ok('post', 'jlu_member', '/achievements', {
        title: '秸秆纤维素酶解糖化联产木质素工艺',
        summary: '秸秆纤维素酶解糖化联产木质素工艺：以玉米秸秆为原料，纤维素酶解糖化后联产木质素，用于生物基材料。',
        field: 'modern_agriculture',
        maturity: 'pilot',
        trl: 6,
        transferModes: ['licence'],
        priceFen: 50_000_000,
      })
    ).id;
    await ok('post', 'jlu_member', `/achievements/${achievementId}/submit`, undefined, 200);
    await ok('post', 'changchun_reviewer', `/achievements/${achievementId}/publish`, undefined, 200);
    demandId = (
      await ok('post', 'nongan_enterprise', '/demands', {
        title: '寻求秸秆纤维素酶解糖化技术',
        description: '我公司收储玉米秸秆，需要秸秆纤维素酶解糖化并联产木质素的工艺，预算五十万元以内。',
        field: 'modern_agriculture',
        budgetMaxFen: 50_000_000,
      })
    ).id;
    await ok('post', 'nongan_enterprise', `/demands/${demandId}/submit`, undefined, 200);
    await ok('post', 'nongan_center', `/demands/${demandId}/publish`, undefined, 200);
    const notices = await until('the matching job to tell 吉林大学', async () => {
      const b = await ok('get', 'nongan_center', `/matching/demands/${demandId}/notices`);
      return (b.items as { id: string; targetId: string }[]).some((n) => n.targetId === achievementId) ? b : null;
    });
    noticeId = notices.items.find((n: { targetId: string }) => n.targetId === achievementId).id;
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await env?.close();
  });

  it('follows a notice to its contract: answered, put in contact (audited, once), credited — per county, city and province, and in the roll-up', async () => {
    const told = (await ok('get', 'nongan_center', `/matching/demands/${demandId}/notices`)).told as number;
    expect(told).toBe(1);
    await ok('post', 'jlu_member', `/matching/notices/${noticeId}/interest`, { message: '可许可实施' }, 200);

    // 促成对接: the county centre records it once (audited); a repeat is a 409.
    const contact = await ok('post', 'nongan_center', `/campaigns/matches/notices/${noticeId}/contact`, { note: '已组织双方线上洽谈' });
    expect(contact).toMatchObject({ noticeId, demandId, note: '已组织双方线上洽谈' });
    const again = await call('post', 'changchun_broker', `/campaigns/matches/notices/${noticeId}/contact`, { note: '再次' });
    expect([again.status, again.body.code]).toEqual([409, 'MATCH_ALREADY_CONTACTED']);
    const audit = await env.db.query(`SELECT action FROM audit_log WHERE entity_type = 'MatchContact' AND entity_id = $1`, [contact.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['create']);

    // The unrelated contracts first (the same queue, in order): the firm buys from a stranger; a stranger buys from 吉林大学.
    const unrelated = [await register(firm, stranger), await register(stranger, jlu)];
    const attributed = await register(firm, jlu);
    await until('the contract credited to the notice', async () => {
      const r = await env.db.query(`SELECT 1 FROM match_conversion WHERE contract_id = $1`, [attributed]);
      return r.rowCount ? true : null;
    });
    const conv = await env.db.query(
      `SELECT contract_id, notice_id, demand_id, rule, amount_fen, tech_transaction_fen FROM match_conversion WHERE contract_id = ANY($1::uuid[])`,
      [[attributed, ...unrelated]],
    );
    expect(conv.rows).toEqual([
      {
        contract_id: attributed,
        notice_id: noticeId,
        demand_id: demandId,
        rule: 'seller',
        amount_fen: String(AMOUNT),
        tech_transaction_fen: String(TECH),
      },
    ]);

    const expected: Funnel = { told: 1, answered: 1, contacted: 1, contracted: 1, contractAmountFen: AMOUNT, techTransactionFen: TECH };
    const q = `period=${YEAR}&demandId=${demandId}`;
    const county = await ok('get', 'nongan_center', `/campaigns/matches/funnel?${q}`);
    expect(county.total).toEqual(expected);
    expect(county.byTenant).toEqual([{ tenantCode: '220122', tenantName: '农安县（本级）', ...expected }]);
    const city = await ok('get', 'changchun_bureau', `/campaigns/matches/funnel?${q}`);
    expect(city.byTenant).toEqual([{ tenantCode: '220122', tenantName: '农安县', ...expected }]);
    const province = await ok('get', 'province_admin', `/campaigns/matches/funnel?${q}`);
    expect([province.tenant.code, province.period, province.byTenant]).toEqual([
      '220000',
      { from: `${YEAR}-01`, to: `${YEAR}-12` },
      [{ tenantCode: '220100', tenantName: '长春市', ...expected }],
    ]);
    // Last year's notices do not include it.
    expect(
      (await ok('get', 'province_admin', `/campaigns/matches/funnel?period=${Number(YEAR) - 1}&demandId=${demandId}`)).total.told,
    ).toBe(0);

    // The roll-up's statistics carry the same loop under sections.matches: the route's figures, grown by exactly this demand's.
    const sections = (await ok('get', 'province_admin', `/rollup/statistics?tenantCode=220000&period=${YEAR}`)).sections;
    const { total, byTenant } = await ok('get', 'province_admin', `/campaigns/matches/funnel?period=${YEAR}`);
    expect(sections.matches).toEqual({ total, byTenant });
    const after = sections.matches.total as Funnel;
    expect({
      answered: after.answered - rolledBefore.answered,
      contacted: after.contacted - rolledBefore.contacted,
      contracted: after.contracted - rolledBefore.contracted,
      contractAmountFen: after.contractAmountFen - rolledBefore.contractAmountFen,
    }).toEqual({ answered: 1, contacted: 1, contracted: 1, contractAmountFen: AMOUNT });
    expect(after.told - rolledBefore.told).toBeGreaterThanOrEqual(1);
  });

  it('refuses other tenants (contact 404, funnel 403) and roles without the right (403), changing nothing', async () => {
    const before = await snapshot(env.db, ['match_contact', 'match_conversion', 'audit_log']);
    // Another city, another city's county: the notice does not exist for them.
    for (const user of ['jilin_city_bureau', 'fengman_center'])
      expect([user, (await call('post', user, `/campaigns/matches/notices/${noticeId}/contact`, { note: '越权' })).status]).toEqual([
        user,
        404,
      ]);
    // The enterprise and the told university may not record contacts or read the funnel.
    for (const user of ['nongan_enterprise', 'jlu_member']) {
      expect([user, (await call('post', user, `/campaigns/matches/notices/${noticeId}/contact`, { note: 'x' })).status]).toEqual([
        user,
        403,
      ]);
      expect([user, (await call('get', user, `/campaigns/matches/funnel?period=${YEAR}`)).status]).toEqual([user, 403]);
    }
    // A city may not read another city's funnel, a county not its city's.
    for (const [user, code] of [
      ['jilin_city_bureau', '220100'],
      ['fengman_center', '220122'],
      ['nongan_center', '220100'],
      ['changchun_bureau', '220200'],
    ]) {
      const res = await call('get', user, `/campaigns/matches/funnel?tenantCode=${code}&period=${YEAR}`);
      expect([user, code, res.status]).toEqual([user, code, 403]);
    }
    // Its own funnel shows nothing of Changchun's demand.
    expect((await ok('get', 'jilin_city_bureau', `/campaigns/matches/funnel?period=${YEAR}&demandId=${demandId}`)).total.told).toBe(0);
    expect(await snapshot(env.db, ['match_contact', 'match_conversion', 'audit_log'])).toBe(before);
  });

  it('answers bad input with a 4xx naming the field, storing nothing', async () => {
    const before = await snapshot(env.db, ['match_contact', 'audit_log']);
    for (const [query, field] of [
      ['', 'period'],
      ['period=2026-13', 'period'],
      ['period=26', 'period'],
      [`period=${YEAR}&tenantCode=2201`, 'tenantCode'],
      [`period=${YEAR}&tenantCode=229999`, 'tenantCode'],
      [`period=${YEAR}&demandId=x`, 'demandId'],
    ]) {
      const res = await call('get', 'province_admin', `/campaigns/matches/funnel?${query}`);
      expect([query, res.status, res.body.errors?.map((e: { field: string }) => e.field)]).toEqual([query, 400, [field]]);
    }
    const period = await call('get', 'province_admin', '/campaigns/matches/funnel?period=2026-13');
    expect(period.body.errors[0].message).toMatch(/2025/);
    const empty = await call('post', 'changchun_broker', `/campaigns/matches/notices/${noticeId}/contact`, { note: '' });
    expect([empty.status, empty.body.errors?.map((e: { field: string }) => e.field)]).toEqual([400, ['note']]);
    const unknown = await call('post', 'changchun_broker', '/campaigns/matches/notices/00000000-0000-4000-8000-000000000000/contact', {
      note: '不存在',
    });
    expect(unknown.status).toBe(404);
    expect(await snapshot(env.db, ['match_contact', 'audit_log'])).toBe(before);
  });
});
