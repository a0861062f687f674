import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { until } from '../support/poll.js';
import { createPatent, decisionsFor, installPolicies, parties, PATENT_1, registerContract, contract1 } from '../support/policy.js';
import { SETUP_TIMEOUT_MS, snapshot, type TestEnv, useSharedApi } from '../support/test-app.js';

const chinaDate = (offsetDays = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + offsetDays * 86_400_000));

type Finding = {
  id: string;
  rule: string;
  subject: Record<string, unknown>;
  score: number;
  reasons: string[];
  status: string;
  tenantId: string;
};

/**
 * 异常专利转让、许可数据监测 (#10 A): each rule fires on its fixture and on nothing else, the policy
 * engine's flags land in the same queue, tiers set their own thresholds, the review steps are
 * audited, and the queue is scoped by the tenant tree.
 */
describe('anomaly monitoring', () => {
  let env: TestEnv;
  const orgs: Record<string, string> = {};
  const contracts: Record<string, string> = {};
  let applicationId = '';

  const call = async (method: 'get' | 'post' | 'put' | 'patch', user: string, path: string, body?: object) => {
    const req = env
      .http()
      [method](path)
      .set(await env.as(user));
    return body ? req.send(body) : req;
  };
  const ok = async (
    method: 'get' | 'post' | 'put' | 'patch',
    user: string,
    path: string,
    body?: object,
    status = method === 'post' ? 201 : 200,
  ) => {
    const res = await call(method, user, path, body);
    expect([path, res.status, res.body.detail, res.body.errors]).toEqual([path, status, undefined, undefined]);
    return res.body;
  };
  const contract = async (key: string, body: object) => {
    const c = await ok('post', 'province_admin', '/contracts', { signedOn: chinaDate(-90), ...body, title: `监测测试合同 ${key}` });
    await ok('post', 'province_reviewer', `/contracts/${c.id}/register`, {}, 200);
    contracts[key] = c.id;
    return c.id as string;
  };
  const scan = async () => {
    const { jobId } = await ok('post', 'province_admin', '/monitoring/scans', {}, 202);
    return until(`scan ${jobId}`, async () => {
      const s = await ok('get', 'province_admin', `/monitoring/scans?jobId=${jobId}`);
      if (s.job?.state === 'failed') throw new Error(`scan failed: ${JSON.stringify(s.job)}`);
      return s.job?.state === 'completed' ? s.job.result : undefined;
    });
  };
  const findings = async (user = 'province_admin'): Promise<Finding[]> => (await ok('get', user, '/monitoring/findings?limit=200')).items;

  beforeAll(async () => {
    env = await useSharedApi();
    for (const [key, phone, contact] of [
      ['a', '13800001111', '张一'],
      ['b', '13800002222', '张二'],
      ['c', '13800003333', '张三'],
      ['d', '13800004444', '张四'],
    ]) {
      const o = await ok('post', 'province_admin', '/organizations', {
        tenantCode: '220122',
        name: `监测测试企业 ${key}`,
        type: 'enterprise',
        contactName: contact,
        contactPhone: phone,
      });
      orgs[key] = o.id;
    }
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await env.close();
  });

  it('fires each rule on its fixture and stays silent on the clean contracts, with scores and reasons in Chinese', async () => {
    const patents: string[] = [];
    for (const i of [0, 1, 2, 3, 4, 5]) patents.push(await createPatent(env, 800 + i, 'G01D 5/347', 'optoelectronics'));
    const p = await parties(env);
    const deal = (contractType: string, seller: string, buyer: string, amountFen: number, patentIds: string[], more: object = {}) => ({
      contractType,
      subType: contractType === 'transfer' ? 'patent_right' : 'patent_ordinary',
      sellerOrgId: seller,
      buyerOrgId: buyer,
      amountFen,
      techTransactionFen: amountFen,
      patentIds,
      ...more,
    });
    // (1) a patent transfer at 500 yuan; clean: the same at 50,000 yuan.
    await contract('token', deal('transfer', orgs.a, orgs.d, 50_000, [patents[0]]));
    await contract('fair', deal('transfer', orgs.d, orgs.a, 5_000_000, [patents[1]]));
    // (2) a → b, then b → a, the same patent; clean: b → c of another patent.
    await contract('there', deal('transfer', orgs.a, orgs.b, 2_000_000, [patents[2]]));
    await contract('back', deal('transfer', orgs.b, orgs.a, 2_000_000, [patents[2]]));
    await contract('onward', deal('licence', orgs.b, orgs.c, 2_000_000, [patents[3]]));
    // (3) c licenses three patents within 30 days (Nong'an's own threshold: 3), with no history; a's and b's two deals each stay under it.
    for (const i of [0, 1, 2]) await contract(`bulk${i}`, deal('licence', orgs.c, orgs.d, 3_000_000, [patents[4 + (i % 2)]]));
    // (5) a service contract whose first instalment fell due 60 days ago, nothing received; clean: one paid to schedule.
    const schedule = [{ dueOn: chinaDate(-60), amountFen: 1_000_000 }];
    await contract('unpaid', {
      contractType: 'service',
      subType: 'other',
      sellerOrgId: orgs.d,
      buyerOrgId: orgs.c,
      amountFen: 1_000_000,
      techTransactionFen: 1_000_000,
      paymentSchedule: schedule,
    });
    const paid = await contract('paid', {
      contractType: 'service',
      subType: 'other',
      sellerOrgId: orgs.d,
      buyerOrgId: orgs.b,
      amountFen: 1_000_000,
      techTransactionFen: 1_000_000,
      paymentSchedule: schedule,
    });
    const recorded = await ok('post', 'province_admin', `/contracts/${paid}/payments`, {
      receivedOn: chinaDate(-59),
      amountFen: 1_000_000,
      bankReference: 'MON-1',
    });
    await ok('post', 'province_reviewer', `/contracts/${paid}/payments/${recorded.payments[0].id}/confirm`, {}, 200);
    // (4) and the policy flag: 吉林大学 and the Nong'an SME share a phone; the SME applies for Changchun's subsidy on their contract,
    // and the inventor-reward check flags the same contract.
    await ok('patch', 'province_admin', `/organizations/${p.nonganFirm}`, { contactPhone: '13912345678' });
    await ok('patch', 'province_admin', `/organizations/${p.jlu}`, { contactPhone: '13912345678' });
    await installPolicies(env);
    const c1 = await registerContract(env, contract1(p, await createPatent(env, ...PATENT_1)));
    contracts.related = c1;
    const decisions = await decisionsFor(env, c1, 4);
    const cc = decisions.find((d) => d.pluginId === 'changchun-sme-patent-subsidy')!;
    applicationId = (await ok('post', 'nongan_enterprise', '/subsidies/applications', { decisionId: cc.id })).id;

    // Nong'an's admin lowers the bulk threshold for its own subtree; a city or a sibling county may not.
    await ok('put', 'nongan_center', '/monitoring/rules/bulk_transfer', { params: { minCount: 3 } });
    expect(
      (await call('put', 'nongan_center', '/monitoring/rules/bulk_transfer', { tenantCode: '220100', params: { minCount: 1 } })).status,
    ).toBe(403);
    expect(
      (await call('put', 'fengman_center', '/monitoring/rules/bulk_transfer', { tenantCode: '220122', params: { minCount: 1 } })).status,
    ).toBe(403);
    const bad = await call('put', 'nongan_center', '/monitoring/rules/bulk_transfer', { params: { minCount: 0 } });
    expect([bad.status, bad.body.errors?.map((e: { field: string }) => e.field)]).toEqual([400, ['params.minCount']]);
    const rules = await ok('get', 'nongan_center', '/monitoring/rules');
    const bulk = rules.items.find((r: { rule: string }) => r.rule === 'bulk_transfer');
    expect([bulk.effective.minCount, bulk.setBy, bulk.defaults.minCount]).toEqual([3, '220122', 10]);
    expect(bulk.explanation).toMatch(/近 30 天/);
    // The city still has the default.
    expect(
      (await ok('get', 'changchun_bureau', '/monitoring/rules')).items.find((r: { rule: string }) => r.rule === 'bulk_transfer').effective
        .minCount,
    ).toBe(10);

    const result = await scan();
    const all = await findings();
    const by = (rule: string) => all.filter((f) => f.rule === rule);
    expect(by('token_price').map((f) => f.subject.contractId)).toEqual([contracts.token]);
    expect(by('token_price')[0].reasons[0]).toMatch(/成交额 500 元，低于象征性价格门槛 1,000 元/);
    expect(by('round_trip').map((f) => f.subject.contractIds)).toEqual([[contracts.there, contracts.back]]);
    expect(by('bulk_transfer').map((f) => f.subject.orgId)).toEqual([orgs.c]);
    expect(by('payment_schedule').map((f) => f.subject.contractId)).toEqual([contracts.unpaid]);
    expect(by('related_parties').map((f) => f.subject.applicationId)).toEqual([applicationId]);
    expect(by('related_parties')[0].reasons[0]).toBe('买卖双方联系电话相同（13912345678）');
    expect(by('policy_flag').map((f) => [f.subject.pluginId, f.subject.eventKey])).toEqual([['institution-inventor-reward-check', c1]]);
    expect(all.every((f) => f.status === 'open' && f.score > 0 && f.score <= 100 && f.reasons.length > 0)).toBe(true);
    expect(result.created).toBe(all.length);
    expect(all.length).toBe(6);

    // A second scan finds the same matters and adds nothing.
    expect((await scan()).created).toBe(0);
    expect((await findings()).length).toBe(6);
  });

  it('runs the review open → explained → confirmed → closed, each step audited; wrong steps are 409', async () => {
    const [roundTrip] = (await findings()).filter((f) => f.rule === 'round_trip');
    // Owned by Nong'an (the second contract's registration tenant): its centre explains, the city's reviewer confirms, the province closes.
    const closeEarly = await call('post', 'province_admin', `/monitoring/findings/${roundTrip.id}/close`, { text: '关闭' });
    expect([closeEarly.status, closeEarly.body.code]).toEqual([409, 'INVALID_TRANSITION']);
    expect(
      (await ok('post', 'nongan_center', `/monitoring/findings/${roundTrip.id}/explain`, { text: '双方为同一集团内部调整' }, 200)).status,
    ).toBe('explained');
    expect((await call('post', 'changchun_reviewer', `/monitoring/findings/${roundTrip.id}/explain`, { text: 'x' })).status).toBe(403);
    expect(
      (await ok('post', 'changchun_reviewer', `/monitoring/findings/${roundTrip.id}/confirm`, { text: '无合理商业理由，确认异常' }, 200))
        .status,
    ).toBe('confirmed');
    const closed = await ok('post', 'province_admin', `/monitoring/findings/${roundTrip.id}/close`, { text: '已通报并撤销相关补贴' }, 200);
    expect([closed.status, closed.explanation, closed.resolution]).toEqual(['closed', '双方为同一集团内部调整', '已通报并撤销相关补贴']);
    expect((await call('post', 'province_admin', `/monitoring/findings/${roundTrip.id}/confirm`, { text: 'x' })).status).toBe(409);
    const audit = await env.db.query(
      `SELECT action, changes FROM audit_log WHERE entity_type = 'MonitoringFinding' AND entity_id = $1 ORDER BY created_at, id`,
      [roundTrip.id],
    );
    expect(audit.rows.length).toBe(4); // created by the scan, then three steps
    expect(
      audit.rows.filter((r: { changes: { status?: unknown } }) => JSON.stringify(r.changes).includes('confirmed')).length,
    ).toBeGreaterThan(0);
    expect((await env.db.query(`SELECT 1 FROM audit_log WHERE entity_type = 'MonitoringRuleSetting'`)).rowCount).toBe(1);
  });

  it('scopes the queue by the tenant tree: a sibling city, a county of another city and members see and change nothing', async () => {
    const all = await findings();
    const nongan = all.find((f) => f.rule === 'bulk_transfer')!;
    const tables = ['monitoring_finding', 'monitoring_rule_setting', 'audit_log'];
    const before = await snapshot(env.db, tables);
    const matrix: [string, number][] = [
      ['nongan_center', 200],
      ['changchun_bureau', 200],
      ['changchun_reviewer', 200],
      ['province_admin', 200],
      ['jilin_city_bureau', 404],
      ['fengman_center', 404],
      ['jlu_member', 403],
      ['nongan_enterprise', 403],
    ];
    for (const [user, status] of matrix) {
      expect([user, (await call('get', user, `/monitoring/findings/${nongan.id}`)).status]).toEqual([user, status]);
      const list = await call('get', user, '/monitoring/findings?limit=200');
      const ids = (list.body.items ?? []).map((f: Finding) => f.id);
      expect([user, ids.includes(nongan.id)]).toEqual([user, status === 200]);
    }
    for (const [user, status] of matrix.filter(([, s]) => s !== 200)) {
      for (const step of ['explain', 'confirm', 'close']) {
        const res = await call('post', user, `/monitoring/findings/${nongan.id}/${step}`, { text: '越权' });
        expect([user, step, res.status]).toEqual([user, step, status]);
      }
      expect([
        user,
        (await call('put', user, '/monitoring/rules/token_price', { tenantCode: '220122', params: { thresholdFen: 1 } })).status,
      ]).toEqual([user, 403]);
    }
    // Only the province admin starts scans or sees the schedule.
    for (const user of ['changchun_bureau', 'nongan_center', 'province_reviewer']) {
      expect([user, (await call('post', user, '/monitoring/scans')).status]).toEqual([user, 403]);
    }
    expect(await snapshot(env.db, tables)).toBe(before);
    // Changchun's staff see Changchun's findings only; the province sees all.
    const cc = await findings('changchun_bureau');
    const mine = (list: Finding[]) => list.map((f) => f.id).sort();
    expect(mine(cc)).toEqual(mine(all.filter((f) => f.rule !== 'policy_flag'))); // the flag is the province's installation's
    expect((await findings('jilin_city_bureau')).length).toBe(0);
    expect((await findings('fengman_center')).length).toBe(0);
    // The daily scan is scheduled (BullMQ job scheduler, China time).
    const s = await ok('get', 'province_admin', '/monitoring/scans');
    expect(s.schedule).toEqual([expect.objectContaining({ id: 'monitoring-daily-scan', pattern: '0 30 2 * * *', tz: 'Asia/Shanghai' })]);
  });
});
