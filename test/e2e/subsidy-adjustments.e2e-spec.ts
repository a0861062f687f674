import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { checkDigit } from '../../libs/catalog/src/patent-number.js';
import { snapshot, SETUP_TIMEOUT_MS, type TestEnv, useSharedApi } from '../support/test-app.js';
import { until } from '../support/poll.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

/**
 * Money decided once and right: exclusive groups held by the database across events and
 * re-evaluations, approval only on the current decision, and a decision that changes after
 * approval turned into a top-up or a recovery (追回) that the budget counts.
 */
describe('subsidies follow their decisions', () => {
  let env: TestEnv;
  let serial = 300;
  beforeAll(async () => {
    env = await useSharedApi();
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await env.close();
  });

  const call = async (method: 'get' | 'post', user: string, path: string, body?: object) => {
    const req = env
      .http()
      [method](path)
      .set(await env.as(user));
    return body ? req.send(body) : req;
  };
  const orgId = async (name: string) => (await env.db.query(`SELECT id FROM organization WHERE name = $1`, [name])).rows[0].id as string;
  const installed = new Map<string, Promise<string>>();
  const install = (user: string, pluginId: string, params: object, budgetFen = 10_000_000_00) => {
    const key = `${user}:${pluginId}`;
    if (!installed.has(key))
      installed.set(
        key,
        call('post', user, '/policy/installations', {
          pluginId,
          params,
          validFrom: `${YEAR}-01-01`,
          source: { document: '吉科发区〔2022〕77号' },
          annualBudgetFen: budgetFen,
        }).then((res) => {
          expect([pluginId, res.status]).toEqual([pluginId, 201]);
          return res.body.id as string;
        }),
      );
    return installed.get(key)!;
  };
  /** 吉林大学 → 农安县 SME, registered in Changchun; `ipc` decides whether it is agricultural. */
  const registeredContract = async (
    contractType: 'transfer' | 'development',
    ipc = 'G01D 5/347',
    amountFen = 10_000_000_00,
    buyer = '农安县禾丰农业科技有限公司（演示）',
    confirmImplemented = true,
  ) => {
    serial += 1;
    const digits = `2021100${String(serial).padStart(5, '0')}`;
    const patent = await call('post', 'jlu_member', '/patents', {
      applicationNumber: `${digits}.${checkDigit(digits)}`,
      title: `专利${serial}`,
      patentType: 'invention',
      legalStatus: 'granted',
      ipcClasses: [ipc],
      field: ipc.startsWith('A01') ? 'modern_agriculture' : 'optoelectronics',
    });
    const contract = await call('post', 'jlu_member', '/contracts', {
      title: `合同 ${serial}`,
      contractType,
      subType: contractType === 'transfer' ? 'patent_right' : 'commissioned',
      sellerOrgId: await orgId('吉林大学'),
      buyerOrgId: await orgId(buyer),
      amountFen,
      // Below 5,000,000 yuan of 技术交易额 (the rest equipment), so no expert review is needed.
      techTransactionFen: Math.min(amountFen, 4_000_000_00),
      signedOn: `${YEAR}-01-02`,
      patentIds: [patent.body.id],
      implemented: true,
    });
    expect(contract.status).toBe(201);
    // 实施转化, declared with evidence and confirmed by the registrar: the provincial subsidy rests on it.
    const declared = await env
      .http()
      .post(`/contracts/${contract.body.id}/facts`)
      .set(await env.as('jlu_member'))
      .field('fact', 'implemented')
      .attach('file', PDF, '实施证明.pdf');
    expect(declared.status).toBe(201);
    if (confirmImplemented)
      expect((await call('post', 'changchun_reviewer', `/contracts/${contract.body.id}/facts/implemented/confirm`, {})).status).toBe(200);
    expect((await call('post', 'changchun_reviewer', `/contracts/${contract.body.id}/register`, {})).status).toBe(200);
    return contract.body.id as string;
  };
  type Decision = {
    id: string;
    pluginId: string;
    installationId: string;
    eligible: boolean;
    amountFen: number;
    current: boolean;
    reasons: { text: string }[];
  };
  const decision = (contractId: string, installationId: string, test: (d: Decision) => boolean = () => true) =>
    until(`decision of ${installationId} for ${contractId}`, async () => {
      const res = await call('get', 'province_admin', `/policy/decisions?subjectId=${contractId}&installationId=${installationId}`);
      return (res.body.items as Decision[] | undefined)?.find(test);
    });
  let voucher = 0;
  /** Money received (到账) recorded by the seller with its bank reference and confirmed by the registrar. */
  const pay = async (contractId: string, amountFen: number) => {
    const bankReference = `BANK-${++voucher}`;
    const res = await call('post', 'jlu_member', `/contracts/${contractId}/payments`, {
      receivedOn: `${YEAR}-02-01`,
      amountFen,
      bankReference,
    });
    expect(res.status).toBe(201);
    const payment = res.body.payments.find((x: { bankReference: string }) => x.bankReference === bankReference);
    expect((await call('post', 'changchun_reviewer', `/contracts/${contractId}/payments/${payment.id}/confirm`, {})).status).toBe(200);
  };
  const budget = async (installationId: string) =>
    Number(
      (await env.db.query(`SELECT approved_fen FROM subsidy_budget WHERE installation_id = $1 AND year = $2`, [installationId, YEAR]))
        .rows[0].approved_fen,
    );
  const adjustments = async (user: string) =>
    (await call('get', user, '/subsidies/adjustments')).body.items as {
      id: string;
      kind: string;
      amountFen: number;
      status: string;
      applicationId: string;
      reasons: { text: string }[];
    }[];

  it('a decision that grows after approval becomes a top-up the firm claims; one that shrinks, a recovery; the budget counts both', async () => {
    const province = await install('province_admin', 'province-tech-transaction-subsidy', {});
    const contractId = await registeredContract('development');
    await pay(contractId, 1_000_000_00);
    const first = await decision(contractId, province, (d) => d.eligible);
    expect(first.amountFen).toBe(100_000_00); // 10 % of 1,000,000 received
    const filed = await call('post', 'nongan_enterprise', '/subsidies/applications', { decisionId: first.id });
    expect(filed.status).toBe(201);
    expect((await call('post', 'province_admin', `/subsidies/applications/${filed.body.id}/approve`, {})).status).toBe(200);
    expect(await budget(province)).toBe(100_000_00);

    // More money arrives: 10 % of 1,500,000 = 150,000 → a top-up of 50,000.
    await pay(contractId, 500_000_00);
    await decision(contractId, province, (d) => d.amountFen === 150_000_00);
    const [topUp] = await until('a top-up', async () =>
      (await adjustments('nongan_enterprise')).filter((a) => a.applicationId === filed.body.id),
    );
    expect(topUp).toMatchObject({ kind: 'top_up', amountFen: 50_000_00, status: 'open' });
    expect(topUp.reasons[0].text).toBe('判定由 100,000 元 调整为 150,000 元：可申请补差 50,000 元');
    expect((await call('post', 'province_admin', `/subsidies/adjustments/${topUp.id}/approve`, {})).status).toBe(409); // not claimed yet
    expect((await call('post', 'jilin_city_bureau', `/subsidies/adjustments/${topUp.id}/claim`, {})).status).toBe(404); // another city
    expect((await call('post', 'nongan_enterprise', `/subsidies/adjustments/${topUp.id}/claim`, {})).status).toBe(200);
    expect((await call('post', 'nongan_enterprise', `/subsidies/adjustments/${topUp.id}/approve`, {})).status).toBe(403);
    expect((await call('post', 'province_admin', `/subsidies/adjustments/${topUp.id}/approve`, {})).status).toBe(200);
    expect(await budget(province)).toBe(150_000_00);

    // The province lowers its rate to 5 % from the start of the year and applies it: 75,000 is due back.
    const inst = (await call('get', 'province_admin', `/policy/installations/${province}`)).body;
    expect(
      (
        await call('post', 'province_admin', `/policy/installations/${province}/parameters`, {
          params: { ...inst.parameterVersions[0].values, ratePercent: 5 },
          validFrom: `${YEAR}-01-01`,
          source: '吉科发区〔2022〕77号',
        })
      ).status,
    ).toBe(201);
    const current = await decision(contractId, province, (d) => d.current && d.eligible);
    const re = await call('post', 'province_admin', `/policy/decisions/${current.id}/reevaluate?apply=true`, {});
    expect([re.status, re.body.after.amountFen]).toEqual([200, 75_000_00]);
    const recovery = (await adjustments('province_admin')).find((a) => a.applicationId === filed.body.id && a.kind === 'recovery')!;
    expect(recovery).toMatchObject({ amountFen: 75_000_00, status: 'open' });
    expect(
      (await call('post', 'province_admin', `/subsidies/adjustments/${recovery.id}/recovered`, { reference: 'ZH-2026-001' })).status,
    ).toBe(200);
    expect(await budget(province)).toBe(75_000_00);
    const log = await env.db.query(`SELECT changes FROM audit_log WHERE entity_type = 'SubsidyBudget' ORDER BY id`);
    expect(log.rows.map((r) => r.changes.approvedFen)).toEqual(
      expect.arrayContaining([
        { from: 100_000_00, to: 150_000_00 },
        { from: 150_000_00, to: 75_000_00 },
      ]),
    );
  });

  it('an application whose decision changes before review is withdrawn, and cannot be approved', async () => {
    const province = await install('province_admin', 'province-tech-transaction-subsidy', {});
    const contractId = await registeredContract('development');
    await pay(contractId, 200_000_00);
    const d = await decision(contractId, province, (x) => x.eligible);
    const filed = await call('post', 'nongan_enterprise', '/subsidies/applications', { decisionId: d.id });
    expect(filed.status).toBe(201);
    await pay(contractId, 100_000_00);
    const withdrawn = await until('withdrawn', async () => {
      const res = await call('get', 'nongan_enterprise', `/subsidies/applications/${filed.body.id}`);
      return res.body.status === 'withdrawn' ? res.body : null;
    });
    expect(withdrawn.reviewReason).toContain('判定已更新');
    const approve = await call('post', 'province_admin', `/subsidies/applications/${filed.body.id}/approve`, {});
    expect([approve.status, approve.body.code]).toEqual([409, 'INVALID_TRANSITION']);
    const next = await decision(contractId, province, (x) => x.current && x.eligible);
    expect((await call('post', 'nongan_enterprise', '/subsidies/applications', { decisionId: next.id })).status).toBe(201);
  });

  it('exclusive groups hold across re-evaluations, filing and approval: at most one eligible decision pays', async () => {
    // Changchun pays 3 % (≤ 300,000); Nong'an county pays on agricultural patents, same group.
    const city = await install('changchun_bureau', 'changchun-sme-patent-subsidy', {});
    const county = await install('nongan_center', 'county-agri-transfer', { subsidyRatePercent: 1, subsidyCapFen: 1_000_000_00 });
    const contractId = await registeredContract('transfer', 'A01B 79/02');
    const cityDecision = await decision(contractId, city, (d) => d.eligible);
    const countyDecision = await decision(contractId, county);
    expect([cityDecision.amountFen, countyDecision.eligible]).toEqual([300_000_00, false]); // 3 % capped beats 1 %
    const filed = await call('post', 'nongan_enterprise', '/subsidies/applications', { decisionId: cityDecision.id });
    expect((await call('post', 'changchun_bureau', `/subsidies/applications/${filed.body.id}/approve`, {})).status).toBe(200);

    // The county raises its rate to 5 % and applies it to this contract: 500,000 now wins the group.
    const params = { subsidyRatePercent: 5, subsidyCapFen: 1_000_000_00 };
    expect(
      (
        await call('post', 'nongan_center', `/policy/installations/${county}/parameters`, {
          params,
          validFrom: `${YEAR}-01-01`,
          source: '农科发〔2026〕5号',
        })
      ).status,
    ).toBe(201);
    const re = await call('post', 'nongan_center', `/policy/decisions/${countyDecision.id}/reevaluate?apply=true`, {});
    expect([re.status, re.body.after.eligible, re.body.after.amountFen]).toEqual([200, true, 500_000_00]);
    const paying = await env.db.query(
      `SELECT plugin_id, amount_fen FROM policy_decision WHERE event_key = (SELECT event_key FROM policy_decision WHERE id = $1) AND current AND eligible AND amount_fen > 0 AND exclusive_group = 'local-patent-conversion'`,
      [countyDecision.id],
    );
    expect(paying.rows).toEqual([{ plugin_id: 'county-agri-transfer', amount_fen: String(500_000_00) }]);
    const cityNow = await decision(contractId, city, (d) => d.current);
    expect(cityNow.eligible).toBe(false);
    expect(cityNow.reasons.at(-1)!.text).toContain('互斥');
    // The city's approved 300,000 must be recovered before the county's subsidy can be filed.
    const recovery = (await adjustments('changchun_bureau')).find((a) => a.applicationId === filed.body.id)!;
    expect(recovery).toMatchObject({ kind: 'recovery', amountFen: 300_000_00 });
    const countyNow = await decision(contractId, county, (d) => d.current && d.eligible);
    const blocked = await call('post', 'nongan_enterprise', '/subsidies/applications', { decisionId: countyNow.id });
    expect([blocked.status, blocked.body.code]).toEqual([409, 'EXCLUSIVE_GROUP_TAKEN']);
    expect(
      (await call('post', 'changchun_bureau', `/subsidies/adjustments/${recovery.id}/recovered`, { reference: 'ZH-CC-1' })).status,
    ).toBe(200);
    const ok = await call('post', 'nongan_enterprise', '/subsidies/applications', { decisionId: countyNow.id });
    expect(ok.status).toBe(201);
    // The database refuses a second eligible decision of the group, whatever writes it.
    await expect(env.db.query(`UPDATE policy_decision SET eligible = true, amount_fen = 1 WHERE id = $1`, [cityNow.id])).rejects.toThrow(
      /policy_decision_one_per_group/,
    );
  });

  it('the provincial 10 % subsidy is capped at 2,000,000 per firm and year across its contracts (每户每年)', async () => {
    const province = await install('province_admin', 'province-tech-transaction-subsidy', {});
    // The rate in force is the text's 10 % (a later version than any other case's, from 1 January).
    const inst = (await call('get', 'province_admin', `/policy/installations/${province}`)).body;
    const params = { ...inst.parameterVersions[0].values, ratePercent: 10 };
    const source = { document: '吉科发区〔2022〕77号', article: '二、（二）充分利用省级科技创新专项资金' };
    expect(
      (await call('post', 'province_admin', `/policy/installations/${province}/parameters`, { params, validFrom: `${YEAR}-01-01`, source }))
        .status,
    ).toBe(201);
    const firm = '农安县某新材料中小企业（测试）';
    expect((await call('post', 'nongan_center', '/organizations', { tenantCode: '220122', name: firm, type: 'enterprise' })).status).toBe(
      201,
    );
    const first = await registeredContract('development', 'G06F 17/00', 20_000_000_00, firm);
    const second = await registeredContract('development', 'G06F 17/01', 20_000_000_00, firm);

    await pay(first, 15_000_000_00);
    expect(await decision(first, province, (d) => d.eligible)).toMatchObject({ amountFen: 1_500_000_00 });
    await pay(second, 10_000_000_00); // 10 % would be 1,000,000: only 500,000 is left this year
    const b = await decision(second, province, (d) => d.eligible);
    expect(b.amountFen).toBe(500_000_00);
    expect(b.reasons.at(-1)!.text).toBe(`${YEAR} 年已获本项补助 1,500,000 元，每户每年上限 2,000,000 元，本次按余额补助 500,000 元`);
  });

  it('no approval on unconfirmed facts; a cancelled registration withdraws its decisions and turns paid money into a recovery', async () => {
    const province = await install('province_admin', 'province-tech-transaction-subsidy', {});
    const contractId = await registeredContract('development', 'G06F 19/00', 10_000_000_00, '农安县禾丰农业科技有限公司（演示）', false);
    await pay(contractId, 1_000_000_00);
    const d = await decision(contractId, province, (x) => x.current && x.eligible);
    const filed = await call('post', 'nongan_enterprise', '/subsidies/applications', { decisionId: d.id });
    expect(filed.status).toBe(201);
    const refused = await call('post', 'province_admin', `/subsidies/applications/${filed.body.id}/approve`, {});
    expect([refused.status, refused.body.code, refused.body.detail]).toEqual([
      409,
      'FACTS_UNCONFIRMED',
      '该补贴依据的合同事实尚未经登记机构核验：已实施转化',
    ]);
    expect(await budget(province)).toBeGreaterThanOrEqual(0);

    // The registrar confirms implementation from its evidence; the engine records the confirmed facts.
    expect((await call('post', 'changchun_reviewer', `/contracts/${contractId}/facts/implemented/confirm`, {})).status).toBe(200);
    await until('confirmed facts recorded', async () => {
      const r = await env.db.query(`SELECT 1 FROM policy_event WHERE type = 'contract.facts_confirmed' AND facts->'contract'->>'id' = $1`, [
        contractId,
      ]);
      return r.rowCount;
    });
    const before = await budget(province);
    expect((await call('post', 'province_admin', `/subsidies/applications/${filed.body.id}/approve`, {})).status).toBe(200);
    expect(await budget(province)).toBe(before + 100_000_00);

    // 撤销登记: every decision about the contract stops paying, and the approved 100,000 is to be recovered.
    expect((await call('post', 'changchun_reviewer', `/contracts/${contractId}/cancel`, { reason: '合同已解除' })).status).toBe(200);
    const withdrawn = await decision(contractId, province, (x) => x.current && !x.eligible);
    expect(withdrawn.reasons.at(-1)!.text).toContain('撤销登记（合同已解除）');
    const recovery = await until('a recovery', async () =>
      (await adjustments('province_admin')).find((a) => a.applicationId === filed.body.id && a.kind === 'recovery'),
    );
    expect(recovery).toMatchObject({ amountFen: 100_000_00, status: 'open' });
    const paying = await env.db.query(`SELECT count(*)::int AS n FROM policy_decision WHERE event_key = $1 AND current AND eligible`, [
      contractId,
    ]);
    expect(paying.rows[0].n).toBe(0);
  });

  it('adjustment routes refuse other tenants and change nothing (sibling city, a county of another city, the firm reviewing)', async () => {
    const province = await install('province_admin', 'province-tech-transaction-subsidy', {});
    const contractId = await registeredContract('development', 'G06F 21/00');
    await pay(contractId, 1_000_000_00);
    const d = await decision(contractId, province, (x) => x.current && x.eligible);
    const filed = await call('post', 'nongan_enterprise', '/subsidies/applications', { decisionId: d.id });
    expect((await call('post', 'province_admin', `/subsidies/applications/${filed.body.id}/approve`, {})).status).toBe(200);
    await pay(contractId, 1_000_000_00);
    const topUp = await until('a top-up', async () =>
      (await adjustments('province_admin')).find((a) => a.applicationId === filed.body.id && a.kind === 'top_up' && a.status === 'open'),
    );
    const tables = ['subsidy_adjustment', 'subsidy_application', 'subsidy_budget', 'policy_decision', 'audit_log'];
    const before = await snapshot(env.db, tables);
    for (const [user, path, body, expected] of [
      ['jilin_city_bureau', `/subsidies/adjustments/${topUp.id}/claim`, {}, 404],
      ['fengman_center', `/subsidies/adjustments/${topUp.id}/claim`, {}, 404],
      ['jilin_city_bureau', `/subsidies/adjustments/${topUp.id}/approve`, {}, 404],
      ['fengman_center', `/subsidies/adjustments/${topUp.id}/recovered`, { reference: 'X' }, 404],
      ['changchun_bureau', `/subsidies/adjustments/${topUp.id}/approve`, {}, 403], // sees its county's firm, but the province's budget pays
      ['nongan_enterprise', `/subsidies/adjustments/${topUp.id}/approve`, {}, 403],
      ['province_admin', `/subsidies/adjustments/${topUp.id}/recovered`, {}, 400], // reference is required
    ] as const) {
      const res = await call('post', user, path, body);
      expect([user, path, res.status]).toEqual([user, path, expected]);
    }
    for (const user of ['jilin_city_bureau', 'fengman_center']) {
      expect((await adjustments(user)).some((a) => a.id === topUp.id)).toBe(false);
    }
    expect(await snapshot(env.db, tables)).toBe(before);
  });
});
