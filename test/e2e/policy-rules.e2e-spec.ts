import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { checkDigit } from '../../libs/catalog/src/patent-number.js';
import { SETUP_TIMEOUT_MS, type TestEnv, useSharedApi } from '../support/test-app.js';
import { until } from '../support/poll.js';

const YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/**
 * Rules the policy engine applies to every plugin: territory (辖区), the date that governs the
 * parameters, versions that end, the document each decision cites — and messages in the
 * caller's language. Each case sets up what it needs.
 */
describe('policy engine rules', () => {
  let env: TestEnv;
  let serial = 100;
  beforeAll(async () => {
    env = await useSharedApi();
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await env.close();
  });

  const call = async (method: 'get' | 'post' | 'put', user: string, path: string, body?: object, lang?: string) => {
    const req = env
      .http()
      [method](path)
      .set(await env.as(user));
    if (lang) req.set('accept-language', lang);
    return body ? req.send(body) : req;
  };
  const orgId = async (name: string) => (await env.db.query(`SELECT id FROM organization WHERE name = $1`, [name])).rows[0].id as string;
  const install = async (user: string, pluginId: string, body: object = {}) => {
    const res = await call('post', user, '/policy/installations', {
      pluginId,
      validFrom: `${YEAR}-01-01`,
      source: {
        document: '吉科发区〔2022〕77号',
        article: '一、（三）强化政策支持激励',
        issuer: '吉林省科学技术厅',
        issuedOn: '2022-07-15',
      },
      ...body,
    });
    expect([pluginId, res.status, res.body.detail]).toEqual([pluginId, 201, undefined]);
    return res.body as { id: string; parameterVersions: { version: number; validTo: string | null; source: object }[] };
  };
  /** Changchun's SME subsidy, installed once for the cases that need it (any of them may run alone). */
  let changchun: Promise<{ id: string }> | undefined;
  const changchunPolicy = () =>
    (changchun ??= install('changchun_bureau', 'changchun-sme-patent-subsidy', { annualBudgetFen: 100_000_000 }));
  /** 吉林大学 sells one of its patents to `buyerOrgId`; Changchun's registrar registers it. */
  const registeredContract = async (buyerOrgId: string) => {
    serial += 1;
    const digits = `2021100${String(serial).padStart(5, '0')}`;
    const patent = await call('post', 'jlu_member', '/patents', {
      applicationNumber: `${digits}.${checkDigit(digits)}`,
      title: `专利${serial}`,
      patentType: 'invention',
      legalStatus: 'granted',
      ipcClasses: ['G01D 5/347'],
      field: 'optoelectronics',
    });
    expect(patent.status).toBe(201);
    const contract = await call('post', 'jlu_member', '/contracts', {
      title: `专利权转让合同 ${serial}`,
      contractType: 'transfer',
      subType: 'patent_right',
      sellerOrgId: await orgId('吉林大学'),
      buyerOrgId,
      amountFen: 1_000_000_00,
      techTransactionFen: 1_000_000_00,
      signedOn: `${YEAR}-01-02`,
      patentIds: [patent.body.id],
      implemented: true,
    });
    expect(contract.status).toBe(201);
    expect((await call('post', 'changchun_reviewer', `/contracts/${contract.body.id}/register`, {})).status).toBe(200);
    return contract.body.id as string;
  };
  type Decision = {
    id: string;
    pluginId: string;
    installationId: string;
    eligible: boolean;
    amountFen: number;
    reasons: { ok: boolean; text: string }[];
    governingDate: string;
    governingBasis: string;
    parameters: { version: number; validFrom: string; validTo: string | null; source: { document: string; article?: string } };
  };
  const decisions = (contractId: string, count: number) =>
    until(`${count} decisions for ${contractId}`, async () => {
      const res = await call('get', 'province_admin', `/policy/decisions?subjectId=${contractId}`);
      return res.body.items?.length >= count ? (res.body.items as Decision[]) : null;
    });

  it('a city’s subsidy never pays a firm of another city, and the decision says why (辖区)', async () => {
    const cc = await changchunPolicy();
    // An SME in 昌邑区 (220202, Jilin City) buys 吉林大学's patent; the contract is registered in Changchun.
    const sme = await call('post', 'jilin_city_bureau', '/organizations', {
      tenantCode: '220202',
      name: '吉林市昌邑区某精密制造有限公司（测试）',
      type: 'enterprise',
    });
    expect(sme.status).toBe(201);
    // Its SME status is attested by Jilin City's bureau from a named list, as the rules require.
    const attested = await call('put', 'jilin_city_bureau', `/organizations/${sme.body.id}/statuses/isSme`, {
      value: true,
      source: { kind: 'list', name: '吉林市中小企业名录（测试）', issuedOn: `${YEAR}-01-01` },
    });
    expect(attested.status).toBe(200);
    const elsewhere = await registeredContract(sme.body.id);
    const [d] = (await decisions(elsewhere, 1)).filter((x) => x.installationId === cc.id);
    expect(d).toMatchObject({ eligible: false, amountFen: 0 });
    expect(d.reasons.at(-1)!.text).toBe(
      '“吉林市昌邑区某精密制造有限公司（测试）”所在地（220202）不在本级政策（220100）的辖区内，本级政策不予支付',
    );
    // The same sale to an SME of Changchun's own county pays.
    const local = await registeredContract(await orgId('农安县禾丰农业科技有限公司（演示）'));
    const [paid] = (await decisions(local, 1)).filter((x) => x.installationId === cc.id);
    expect(paid).toMatchObject({ eligible: true, amountFen: 30_000_00 });
    // Nothing can be applied for on the refused decision.
    const filed = await call('post', 'jilin_city_bureau', '/subsidies/applications', { decisionId: d.id });
    expect([filed.status, filed.body.code]).toEqual([409, 'DECISION_NOT_FILEABLE']);
  });

  it('each decision states the date that picked its parameters and the document they cite', async () => {
    await changchunPolicy();
    const contractId = await registeredContract(await orgId('农安县禾丰农业科技有限公司（演示）'));
    const [d] = (await decisions(contractId, 1)).filter((x) => x.pluginId === 'changchun-sme-patent-subsidy');
    expect(d).toMatchObject({
      governingDate: TODAY,
      governingBasis: 'registered',
      parameters: {
        version: 1,
        validFrom: `${YEAR}-01-01`,
        validTo: null,
        source: { document: '吉科发区〔2022〕77号', article: '一、（三）强化政策支持激励' },
      },
    });
    expect(d.reasons[0]).toEqual({
      ok: true,
      text: `适用参数版本 v1（${YEAR}-01-01 起，依据 吉科发区〔2022〕77号 一、（三）强化政策支持激励）；适用日期：合同登记日 ${TODAY}`,
    });
  });

  it('a parameter version can end: a plan that ran 2021–2023 decides nothing about a contract registered today', async () => {
    const bad = await call('post', 'nongan_center', '/policy/installations', {
      pluginId: 'county-agri-transfer',
      validFrom: '2021-01-01',
      validTo: '2020-12-31',
      source: { document: '吉知产联字〔2021〕1号' },
    });
    expect([bad.status, bad.body.errors?.[0]?.field]).toEqual([400, 'validTo']);
    const noDocument = await call('post', 'nongan_center', '/policy/installations', {
      pluginId: 'county-agri-transfer',
      validFrom: '2021-01-01',
      source: {},
    });
    expect([noDocument.status, noDocument.body.errors?.[0]?.field]).toEqual([400, 'source.document']);
    const plan = await install('nongan_center', 'county-agri-transfer', {
      validFrom: '2021-01-01',
      validTo: '2023-12-31',
      source: { document: '吉知产联字〔2021〕1号', title: '吉林省2021—2023年专利转化行动计划实施方案' },
    });
    await changchunPolicy();
    expect(plan.parameterVersions[0]).toMatchObject({ version: 1, validTo: '2023-12-31', source: { document: '吉知产联字〔2021〕1号' } });
    const contractId = await registeredContract(await orgId('农安县禾丰农业科技有限公司（演示）'));
    const seen = await decisions(contractId, 1); // Changchun's policy (installed above) decides ...
    expect(seen.some((x) => x.pluginId === 'changchun-sme-patent-subsidy')).toBe(true);
    expect(seen.filter((x) => x.installationId === plan.id)).toEqual([]); // ... the ended plan does not
  });

  it('refusals speak the caller’s language (Accept-Language: en), from the message catalogue', async () => {
    const zh = await call('post', 'jilin_city_bureau', '/policy/installations', {
      pluginId: 'changchun-sme-patent-subsidy',
      validFrom: `${YEAR}-01-01`,
      source: 'x',
    });
    const en = await call(
      'post',
      'jilin_city_bureau',
      '/policy/installations',
      { pluginId: 'changchun-sme-patent-subsidy', validFrom: `${YEAR}-01-01`, source: 'x' },
      'en',
    );
    expect([zh.status, zh.body.code, zh.body.detail]).toEqual([
      409,
      'PLUGIN_TIER_MISMATCH',
      '插件“长春市中小企业转化高校院所专利补贴”只能由220100安装',
    ]);
    expect([en.status, en.body.code, en.body.detail]).toEqual([
      409,
      'PLUGIN_TIER_MISMATCH',
      'The plugin “Changchun SME patent-conversion subsidy” can only be installed by 220100',
    ]);
    const digits = '202110099999';
    const patent = {
      applicationNumber: `${digits}.${checkDigit(digits)}`,
      title: '重复申请号',
      patentType: 'invention',
      legalStatus: 'granted',
    };
    expect((await call('post', 'jlu_member', '/patents', patent)).status).toBe(201);
    const dup = await call('post', 'jlu_member', '/patents', patent, 'en');
    expect([dup.status, dup.body.code, dup.body.detail]).toEqual([
      409,
      'PATENT_NUMBER_TAKEN',
      `The patent application number ${digits}.${checkDigit(digits)} is already registered`,
    ]);
  });
});
