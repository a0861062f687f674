import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  addParameters,
  call as callAs,
  contract1,
  contract2,
  createPatent,
  type DecisionView,
  decisionsFor,
  expertReview,
  installPolicies,
  mailTo,
  type Method,
  PATENT_1,
  PATENT_2,
  parties,
  receivePayment,
  registerContract,
  YEAR,
} from '../support/policy.js';
import { until } from '../support/poll.js';
import { SETUP_TIMEOUT_MS, snapshot, type TestEnv, useSharedApi } from '../support/test-app.js';

/**
 * Contract registration (技术合同认定登记) feeding the policy engine: plugins installed by each
 * tier, decisions from the parameters in force, exclusive groups, re-evaluation, simulation,
 * subsidy applications against budgets (with 50 parallel approvals), mail on every change,
 * year-end rewards and agricultural routing — and every cross-tenant attempt refused.
 *
 * Every test starts on a fresh database (two API processes share it) and sets up what it needs
 * through the helpers of support/policy.ts, so each runs alone (`-t`) and in any order.
 */
describe('contracts, policy plugins and subsidies', () => {
  let env: TestEnv;
  beforeEach(async () => {
    env = await useSharedApi({ instances: 2 });
  }, SETUP_TIMEOUT_MS);
  afterEach(async () => {
    await env.close();
  });

  const call = (method: Method, user: string, path: string, body?: object, instance = 0) => callAs(env, method, user, path, body, instance);

  /** Every policy installed, and contract 1 (patent 1, 吉林大学 → the Nong'an SME) registered and decided. */
  const decidedContract1 = async () => {
    const p = await parties(env);
    const installed = await installPolicies(env);
    const p1 = await createPatent(env, ...PATENT_1);
    const c1 = await registerContract(env, contract1(p, p1));
    const decisions = await decisionsFor(env, c1, 4);
    const by = (id: string) => decisions.find((d) => d.pluginId === id)!;
    return {
      ...p,
      installed,
      p1,
      c1,
      ccDecision: by('changchun-sme-patent-subsidy').id,
      countyDecision: by('county-agri-transfer').id,
    };
  };

  /** …and money received on it, which makes the provincial subsidy eligible. */
  const paidContract1 = async () => {
    const world = await decidedContract1();
    await receivePayment(env, world.c1, 100_000_000);
    const province = await until('the provincial subsidy after payment', async () => {
      const all = await decisionsFor(env, world.c1, 4);
      return all.find((d) => d.pluginId === 'province-tech-transaction-subsidy' && d.eligible);
    });
    return { ...world, provinceDecision: province.id };
  };

  it('lets each tier install its own policies, and only those', async () => {
    const cc = await call('post', 'changchun_bureau', '/policy/installations', {
      pluginId: 'changchun-sme-patent-subsidy',
      validFrom: `${YEAR}-01-01`,
      source: '长科技发〔2026〕1号',
      annualBudgetFen: 100_000_000,
    });
    expect(cc.status).toBe(201);
    expect(cc.body.parameterVersions[0]).toMatchObject({ version: 1, values: { ratePercent: 3, capFen: 30_000_000 } });

    const elsewhere = await call('post', 'jilin_city_bureau', '/policy/installations', {
      pluginId: 'changchun-sme-patent-subsidy',
      validFrom: `${YEAR}-01-01`,
      source: 'x',
    });
    expect([elsewhere.status, elsewhere.body.detail]).toEqual([409, expect.stringContaining('220100')]);
    expect(
      (
        await call('post', 'jlu_member', '/policy/installations', {
          pluginId: 'county-agri-transfer',
          validFrom: `${YEAR}-01-01`,
          source: 'x',
        })
      ).status,
    ).toBe(403);
    const badParam = await call('post', 'nongan_center', '/policy/installations', {
      pluginId: 'county-agri-transfer',
      validFrom: `${YEAR}-01-01`,
      source: '农科发〔2026〕3号',
      params: { subsidyRatePercent: 50 },
    });
    expect([badParam.status, badParam.body.errors[0].field]).toEqual([400, 'params.subsidyRatePercent']);
    expect(badParam.body.errors[0].message).toContain('不能大于 10');

    const county = await call('post', 'nongan_center', '/policy/installations', {
      pluginId: 'county-agri-transfer',
      validFrom: `${YEAR}-01-01`,
      source: '农科发〔2026〕3号',
      params: { subsidyRatePercent: 5, subsidyCapFen: 100_000_000 },
    });
    expect(county.status).toBe(201);
    for (const [pluginId, params] of [
      ['province-tech-transaction-subsidy', {}],
      ['institution-inventor-reward-check', {}],
      ['province-university-licensing-reward', { minPatents: 1 }],
    ] as const) {
      const res = await call('post', 'province_admin', '/policy/installations', {
        pluginId,
        params,
        validFrom: `${YEAR}-01-01`,
        source: '吉科发区〔2022〕77号',
        annualBudgetFen: 1_000_000_000,
      });
      expect([pluginId, res.status]).toEqual([pluginId, 201]);
    }
    const listed = await call('get', 'nongan_enterprise', '/policy/installations');
    expect(listed.body.map((i: { pluginId: string }) => i.pluginId)).toHaveLength(5);
    // Every tier's installations as the console's 政策插件目录 shows them: the version in effect
    // today with its dates and document, this year's budget and what is used of it.
    expect(listed.body.find((i: { pluginId: string }) => i.pluginId === 'changchun-sme-patent-subsidy')).toMatchObject({
      tenantCode: '220100',
      tenantTier: 'city',
      status: 'active',
      parameters: { version: 1, validFrom: `${YEAR}-01-01`, validTo: null, inEffect: true, source: { document: '长科技发〔2026〕1号' } },
      budget: { year: YEAR, budgetFen: 100_000_000, approvedFen: 0 },
      plugin: { apiRange: expect.stringMatching(/^\^?\d/) },
    });
    const catalogue = await call('get', 'nongan_enterprise', '/policy/plugins');
    expect(catalogue.body.every((p: { apiRange: string | null }) => typeof p.apiRange === 'string')).toBe(true);
  });

  it('registers a contract where the seller is, with a number per tenant and year; nobody else can', async () => {
    const p = await parties(env);
    await installPolicies(env);
    const p1 = await createPatent(env, ...PATENT_1);

    const submitted = await call('post', 'jlu_member', '/contracts', contract1(p, p1));
    expect([submitted.status, submitted.body.status, submitted.body.tenantId]).toEqual([201, 'submitted', expect.any(String)]);
    const c1 = submitted.body.id as string;

    const before = await snapshot(env.db, ['tech_contract', 'contract_payment', 'policy_decision']);
    for (const [user, path, body] of [
      ['jilin_city_bureau', `/contracts/${c1}`, undefined],
      ['fengman_center', `/contracts/${c1}`, undefined],
      ['jilin_city_bureau', `/contracts/${c1}/register`, {}],
      ['jilin_city_bureau', `/contracts/${c1}/return`, { reason: '越权' }],
      ['fengman_center', `/contracts/${c1}/payments`, { receivedOn: `${YEAR}-04-01`, amountFen: 100, bankReference: 'X-1' }],
    ] as const) {
      const res = await call(body ? 'post' : 'get', user, path, body);
      expect([user, path, res.status]).toEqual([user, path, 404]);
    }
    expect((await call('post', 'jlu_member', `/contracts/${c1}/register`, {})).status).toBe(403);
    expect(await snapshot(env.db, ['tech_contract', 'contract_payment', 'policy_decision'])).toBe(before);
    expect((await call('get', 'nongan_enterprise', `/contracts/${c1}`)).status).toBe(200); // the buyer is a party

    const bad = await call('post', 'jlu_member', '/contracts', { ...submitted.body, id: undefined });
    expect(bad.status).toBe(400); // unknown fields named, nothing stored

    const registered = await call('post', 'changchun_reviewer', `/contracts/${c1}/register`, {}, 1);
    expect(registered.status).toBe(200);
    expect(registered.body.registrationNumber).toMatch(new RegExp(`^${String(YEAR).slice(2)}220104\\d{6}$`));
    expect((await call('patch', 'jlu_member', `/contracts/${c1}`, { amountFen: 1 })).status).toBe(403);
    expect((await call('post', 'changchun_reviewer', `/contracts/${c1}/register`, {})).status).toBe(409);
  });

  it('decides every installed policy along the parties’ tenant paths, with reasons', async () => {
    const p = await parties(env);
    await installPolicies(env);
    const c1 = await registerContract(env, contract1(p, await createPatent(env, ...PATENT_1)));

    const decisions = await decisionsFor(env, c1, 4);
    const by = (id: string) => decisions.find((d) => d.pluginId === id)!;
    expect(by('changchun-sme-patent-subsidy')).toMatchObject({ eligible: true, amountFen: 15_000_000, parametersVersion: 1 });
    expect(by('changchun-sme-patent-subsidy').reasons.map((r) => r.text)).toContain('技术合同额 5,000,000 元 × 3% = 150,000 元');
    expect(by('county-agri-transfer').eligible).toBe(false);
    expect(by('county-agri-transfer').reasons.find((r) => !r.ok)!.text).toBe('合同未涉及涉农专利');
    expect(by('province-tech-transaction-subsidy').eligible).toBe(false); // nothing received yet
    expect(by('institution-inventor-reward-check').effects!.flag!.code).toBe('inventor_reward_below_threshold');

    // Money received (到账), once the buyer confirms it, re-decides the turnover-based provincial subsidy.
    await receivePayment(env, c1, 100_000_000);
    const province = await until('the provincial subsidy after payment', async () => {
      const all = await decisionsFor(env, c1, 4);
      return all.find((d) => d.pluginId === 'province-tech-transaction-subsidy' && d.eligible);
    });
    expect(province.amountFen).toBe(10_000_000);
  });

  it('lets only one policy of an exclusive group pay for a contract, saying why', async () => {
    const p = await parties(env);
    await installPolicies(env);
    const p2 = await createPatent(env, ...PATENT_2);

    const c2 = (await call('post', 'jlu_member', '/contracts', contract2(p, p2))).body.id as string;
    await call('post', 'nongan_center', `/contracts/${c2}/register`, {}).then((r) => expect(r.status).toBe(404)); // not the seller's chain
    await expertReview(env, c2);
    expect((await call('post', 'changchun_reviewer', `/contracts/${c2}/register`, {})).status).toBe(200);
    const decisions = await decisionsFor(env, c2, 3);
    const county = decisions.find((d) => d.pluginId === 'county-agri-transfer')!;
    const city = decisions.find((d) => d.pluginId === 'changchun-sme-patent-subsidy')!;
    expect(county).toMatchObject({ eligible: true, amountFen: 25_000_000 });
    expect(city).toMatchObject({ eligible: false, amountFen: 0 });
    expect(city.reasons.at(-1)!.text).toContain('互斥');
  });

  it('files, approves and pays an application, mailing the applicant at every step', async () => {
    const { installed, ccDecision, countyDecision, provinceDecision } = await paidContract1();

    const filed = await call('post', 'nongan_enterprise', '/subsidies/applications', { decisionId: ccDecision });
    expect([filed.status, filed.body.status, filed.body.amountFen]).toEqual([201, 'submitted', 15_000_000]);
    await mailTo(env, 'nongan_enterprise', '补贴申请已提交');
    expect((await call('post', 'nongan_enterprise', '/subsidies/applications', { decisionId: ccDecision })).status).toBe(409);
    expect((await call('post', 'nongan_enterprise', '/subsidies/applications', { decisionId: countyDecision })).status).toBe(409);
    expect((await call('post', 'jilin_city_bureau', `/subsidies/applications/${filed.body.id}/approve`, {})).status).toBe(404);
    expect((await call('post', 'province_reviewer', `/subsidies/applications/${filed.body.id}/approve`, {})).status).toBe(403); // not the paying tenant

    expect((await call('post', 'changchun_reviewer', `/subsidies/applications/${filed.body.id}/approve`, {})).body.status).toBe('approved');
    await mailTo(env, 'nongan_enterprise', '补贴申请已批准');
    const paid = await call('post', 'changchun_reviewer', `/subsidies/applications/${filed.body.id}/disburse`, {
      reference: 'CCZF-2026-0001',
    });
    expect(paid.body.status).toBe('disbursed');
    const mail = await mailTo(env, 'nongan_enterprise', '补贴申请已拨付');
    expect(mail.text).toContain('CCZF-2026-0001');
    const budget = (await call('get', 'changchun_bureau', `/policy/installations/${installed.cc}`)).body.budgets[0];
    expect(budget).toMatchObject({ year: YEAR, approvedFen: 15_000_000 });

    const second = await call('post', 'nongan_center', '/subsidies/applications', { decisionId: provinceDecision }); // on behalf of the firm
    expect(second.status).toBe(201);
    const rejected = await call('post', 'province_reviewer', `/subsidies/applications/${second.body.id}/reject`, {
      reason: '实施转化证明材料不全',
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', reviewReason: '实施转化证明材料不全' });
    expect((await mailTo(env, 'nongan_enterprise', '补贴申请未批准')).text).toContain('实施转化证明材料不全');
  });

  it('never lets 50 parallel approvals exceed a budget that fits 10', async () => {
    const { nonganFirm } = await parties(env);
    const { cc: ccInstall } = await installPolicies(env);

    const year = 2030;
    const set = await call('put', 'changchun_bureau', `/policy/installations/${ccInstall}/budget`, { year, budgetFen: 10 * 1_000_000 });
    expect([set.status, set.body.detail]).toEqual([200, undefined]);
    const [params] = (await env.db.query(`SELECT id FROM plugin_parameters WHERE installation_id = $1`, [ccInstall])).rows;
    const tenant = (await env.db.query(`SELECT tenant_id FROM plugin_installation WHERE id = $1`, [ccInstall])).rows[0].tenant_id;
    const firm = (await env.db.query(`SELECT tenant_id FROM organization WHERE id = $1`, [nonganFirm])).rows[0].tenant_id;
    const apps: string[] = [];
    for (let i = 0; i < 50; i++) {
      const d = await env.db.query(
        `INSERT INTO policy_decision (installation_id, tenant_id, plugin_id, plugin_version, parameters_id, parameters_version, event_type, event_payload,
           event_key, event_date, subject_org_id, subject_tenant_id, eligible, amount_fen, reasons, figures, current)
         VALUES ($1, $2, 'changchun-sme-patent-subsidy', '1.0.0', $3, 1, 'contract.registered', '{}', $4, '${year}-03-01', $5, $6, true, 1000000, '[]', '{}', true)
         RETURNING id`,
        [ccInstall, tenant, params.id, `load-${i}`, nonganFirm, firm],
      );
      const a = await env.db.query(
        `INSERT INTO subsidy_application (decision_id, tenant_id, applicant_org_id, applicant_tenant_id, filed_by, amount_fen, budget_year, version)
         VALUES ($1, $2, $3, $4, (SELECT id FROM user_account WHERE username = 'nongan_enterprise'), 1000000, ${year}, 1) RETURNING id`,
        [d.rows[0].id, tenant, nonganFirm, firm],
      );
      apps.push(a.rows[0].id);
    }
    const auth = await env.as('changchun_reviewer');
    const results = await Promise.all(
      apps.map((id, i) =>
        env
          .http(i % 2)
          .post(`/subsidies/applications/${id}/approve`)
          .set(auth),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    expect(results.find((r) => r.status === 409)!.body.detail).toContain('年度预算不足');
    const { rows } = await env.db.query(`SELECT budget_fen, approved_fen FROM subsidy_budget WHERE installation_id = $1 AND year = $2`, [
      ccInstall,
      year,
    ]);
    expect(rows[0]).toEqual({ budget_fen: '10000000', approved_fen: '10000000' });
    const approved = await env.db.query(
      `SELECT count(*)::int AS n FROM subsidy_application WHERE budget_year = $1 AND status = 'approved'`,
      [year],
    );
    expect(approved.rows[0].n).toBe(10);
  });

  it('versions parameters: past decisions stay, a re-evaluation shows old and new side by side', async () => {
    const { installed, ccDecision } = await decidedContract1();

    const v2 = await call('post', 'changchun_bureau', `/policy/installations/${installed.cc}/parameters`, {
      params: { ratePercent: 2 },
      validFrom: `${YEAR}-01-01`,
      source: '长科技发〔2026〕9号',
    });
    expect(v2.body.parameterVersions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect((await call('get', 'changchun_bureau', `/policy/decisions/${ccDecision}`)).body).toMatchObject({
      amountFen: 15_000_000,
      parametersVersion: 1,
      current: true,
    });

    const preview = await call('post', 'changchun_bureau', `/policy/decisions/${ccDecision}/reevaluate`, {});
    expect(preview.body).toMatchObject({
      before: { amountFen: 15_000_000, parametersVersion: 1 },
      after: { amountFen: 10_000_000, parametersVersion: 2 },
      changed: true,
      applied: false,
    });
    expect((await call('get', 'changchun_bureau', `/policy/decisions/${ccDecision}`)).body.current).toBe(true);

    const applied = await call('post', 'changchun_bureau', `/policy/decisions/${ccDecision}/reevaluate?apply=true`, {});
    expect(applied.body.after).toMatchObject({ amountFen: 10_000_000, parametersVersion: 2, current: true });
    expect((await call('get', 'changchun_bureau', `/policy/decisions/${ccDecision}`)).body.current).toBe(false);
  });

  it('simulates proposed parameters on the year’s registered contracts', async () => {
    // Two registered contracts of the year and the Changchun subsidy at 2 %: 100,000 元 each.
    const { installed, jlu, nonganFirm } = await decidedContract1();
    const c2 = await registerContract(env, contract2({ jlu, nonganFirm }, await createPatent(env, ...PATENT_2)));
    await addParameters(env, 'changchun_bureau', installed.cc, { ratePercent: 2 }, '长科技发〔2026〕9号');
    // Simulation replays the facts the engine stored: wait until contract 2's registration is in.
    await decisionsFor(env, c2, 1);

    const sim = await call('post', 'changchun_bureau', `/policy/installations/${installed.cc}/simulate`, {
      params: { ratePercent: 1 },
      year: YEAR,
    });
    expect(sim.status).toBe(200);
    expect(sim.body).toMatchObject({
      year: YEAR,
      contracts: 2,
      current: { eligible: 2, totalFen: 20_000_000 },
      proposed: { eligible: 2, totalFen: 10_000_000 },
      differenceFen: -10_000_000,
    });
    expect(sim.body.firms[0]).toMatchObject({ orgId: nonganFirm, name: '农安县禾丰农业科技有限公司（演示）' });
    expect((await call('post', 'jilin_city_bureau', `/policy/installations/${installed.cc}/simulate`, { params: {} })).status).toBe(403);
  });

  it('routes an agricultural patent to the county page and tells its staff when it is published', async () => {
    await installPolicies(env);
    const p2 = await createPatent(env, ...PATENT_2);

    await call('post', 'jlu_member', `/patents/${p2}/submit`, {});
    await call('post', 'changchun_reviewer', `/patents/${p2}/publish`, {});
    const listing = await until('the county listing', async () => {
      const res = await call('get', 'nongan_enterprise', '/policy/tenants/220122/listings');
      return res.body.find((l: { entryId: string }) => l.entryId === p2);
    });
    expect(listing).toMatchObject({ kind: 'patent', tags: ['涉农'], title: '专利2' });
    await mailTo(env, 'nongan_center', '涉农专利推送');
    expect((await call('get', 'nongan_enterprise', '/policy/tenants/220211/listings')).body).toEqual([]);
  });

  it('closes the year with the institution reward', async () => {
    // 吉林大学 transferred a patent this year and received money for it.
    const { jlu } = await paidContract1();

    expect((await call('post', 'changchun_bureau', `/policy/tenants/220000/close-year`, { year: YEAR })).status).toBe(404);
    expect((await call('post', 'province_admin', `/policy/tenants/220000/close-year`, { year: YEAR })).status).toBe(202);
    // One decision per institution of the province: 吉林大学 transferred patents, 长春光机所 did not.
    const decisions = await decisionsFor(env, `220000:${YEAR}`, 2);
    const reward = decisions.find((d) => (d as DecisionView & { subjectOrgId: string }).subjectOrgId === jlu)!;
    expect(decisions.filter((d) => d.eligible)).toHaveLength(1);
    expect(reward.reasons.filter((r) => !r.ok)).toEqual([]);
    expect(reward).toMatchObject({ pluginId: 'province-university-licensing-reward', eligible: true, amountFen: 30_000_000 });
  });

  it('refuses policy operations across tenants, changing nothing', async () => {
    const { installed, ccDecision } = await decidedContract1();

    const before = await snapshot(env.db, [
      'plugin_installation',
      'plugin_parameters',
      'subsidy_budget',
      'policy_decision',
      'subsidy_application',
    ]);
    const attempts: [string, 'get' | 'post' | 'put' | 'delete', string, object | undefined, number][] = [
      [
        'jilin_city_bureau',
        'post',
        `/policy/installations/${installed.cc}/parameters`,
        { params: {}, validFrom: '2027-01-01', source: 'x' },
        403,
      ],
      ['jilin_city_bureau', 'put', `/policy/installations/${installed.cc}/budget`, { year: YEAR, budgetFen: 1 }, 403],
      ['jilin_city_bureau', 'delete', `/policy/installations/${installed.cc}`, undefined, 403],
      ['nongan_center', 'delete', `/policy/installations/${installed.cc}`, undefined, 403],
      ['changchun_bureau', 'delete', `/policy/installations/${installed['province-tech-transaction-subsidy']}`, undefined, 403],
      ['jilin_city_bureau', 'get', `/policy/decisions/${ccDecision}`, undefined, 404],
      ['jilin_city_bureau', 'post', `/policy/decisions/${ccDecision}/reevaluate?apply=true`, {}, 404],
      ['nongan_enterprise', 'post', `/policy/decisions/${ccDecision}/reevaluate?apply=true`, {}, 403],
    ];
    for (const [user, method, path, body, status] of attempts) {
      const res = await call(method, user, path, body);
      expect([user, method, path, res.status]).toEqual([user, method, path, status]);
    }
    expect(
      await snapshot(env.db, ['plugin_installation', 'plugin_parameters', 'subsidy_budget', 'policy_decision', 'subsidy_application']),
    ).toBe(before);
  });

  it('amends a registered contract through review, superseding the original', async () => {
    // Contract 1 decided at 3 %, then contract 2 registered, then the Changchun subsidy at 2 %.
    const { installed, c1, nonganFirm, jlu } = await decidedContract1();
    const c2 = await registerContract(env, contract2({ jlu, nonganFirm }, await createPatent(env, ...PATENT_2)));
    await addParameters(env, 'changchun_bureau', installed.cc, { ratePercent: 2 }, '长科技发〔2026〕9号');

    const amendment = await call('post', 'jlu_member', `/contracts/${c1}/amendments`, {
      amountFen: 2_000_000_000,
      techTransactionFen: 2_000_000_000,
      reason: '追加合同金额',
    });
    expect([amendment.status, amendment.body.status, amendment.body.amendsId, amendment.body.amendmentReason]).toEqual([
      201,
      'submitted',
      c1,
      '追加合同金额',
    ]);
    expect((await call('post', 'jlu_member', `/contracts/${c1}/amendments`, { reason: '再次变更' })).status).toBe(409);
    await expertReview(env, amendment.body.id);
    expect((await call('post', 'changchun_reviewer', `/contracts/${amendment.body.id}/register`, {})).status).toBe(200);
    expect((await call('get', 'jlu_member', `/contracts/${c1}`)).body.status).toBe('superseded');
    // The amended contract is decided under the same key with the parameters now in force (2 %, cap 300,000).
    const decision = await until('the amended decision', async () => {
      const all = await decisionsFor(env, c1, 1);
      return all.find((d) => d.pluginId === 'changchun-sme-patent-subsidy' && d.amountFen === 30_000_000);
    });
    expect(decision.parametersVersion).toBe(2);

    // The contract list pages newest first without skipping or repeating.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await call('get', 'jlu_member', `/contracts?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((c: { id: string }) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([amendment.body.id, c2, c1]);
  });
});
