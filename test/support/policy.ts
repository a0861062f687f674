import type { ParsedMail } from 'mailparser';
import { checkDigit } from '../../libs/catalog/src/patent-number.js';
import { until } from './poll.js';
import type { TestEnv } from './test-app.js';

/**
 * Setup helpers for contracts and policies: each test builds the world it needs (installations,
 * patents, registered contracts) on its own fresh database, instead of relying on ids left by an
 * earlier test. They throw on an unexpected answer; the tests assert what they are about.
 */

export const YEAR = new Date().getFullYear();

export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** A request as a demo user (`instance`: which API process). */
export async function call(env: TestEnv, method: Method, user: string, path: string, body?: object, instance = 0) {
  const req = env
    .http(instance)
    [method](path)
    .set(await env.as(user));
  return body ? req.send(body) : req;
}

async function expectStatus(env: TestEnv, what: string, status: number, method: Method, user: string, path: string, body?: object) {
  const res = await call(env, method, user, path, body);
  if (res.status !== status) throw new Error(`setup: ${what} answered ${res.status}, not ${status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export const orgId = async (env: TestEnv, name: string) =>
  (await env.db.query(`SELECT id FROM organization WHERE name = $1`, [name])).rows[0].id as string;

/** The two demo organisations of the contracts: 吉林大学 (seller) and an SME of Nong'an county (buyer). */
export async function parties(env: TestEnv) {
  return { jlu: await orgId(env, '吉林大学'), nonganFirm: await orgId(env, '农安县禾丰农业科技有限公司（演示）') };
}

export type DecisionView = {
  id: string;
  pluginId: string;
  eligible: boolean;
  amountFen: number;
  reasons: { ok: boolean; text: string }[];
  parametersVersion: number;
  current: boolean;
  effects: { flag?: { code: string } } | null;
};

/** The decisions about a subject (a contract, or `<tenant>:<year>`), once there are at least `count`. */
export const decisionsFor = (env: TestEnv, subjectId: string, count: number) =>
  until(`${count} decisions for ${subjectId}`, async () => {
    const res = await call(env, 'get', 'province_admin', `/policy/decisions?subjectId=${subjectId}`);
    return res.body.items?.length >= count ? (res.body.items as DecisionView[]) : null;
  });

/** The first mail to a demo user whose subject contains `subject`, once it has arrived. */
export const mailTo = (env: TestEnv, user: string, subject: string) =>
  until(`mail to ${user}: ${subject}`, async () =>
    (await env.smtp.messages()).find(
      (m: ParsedMail) =>
        (Array.isArray(m.to) ? m.to : [m.to]).some((t) => t?.text.includes(`${user}@demo.techmarket.cn`)) && m.subject?.includes(subject),
    ),
  );

/** Installs a policy plugin for the installing user's tenant; returns the installation id. */
export async function installPlugin(
  env: TestEnv,
  user: string,
  pluginId: string,
  opts: { params?: object; source: string; annualBudgetFen?: number; validFrom?: string },
): Promise<string> {
  const body = await expectStatus(env, `installing ${pluginId}`, 201, 'post', user, '/policy/installations', {
    pluginId,
    validFrom: opts.validFrom ?? `${YEAR}-01-01`,
    source: opts.source,
    ...(opts.params ? { params: opts.params } : {}),
    ...(opts.annualBudgetFen !== undefined ? { annualBudgetFen: opts.annualBudgetFen } : {}),
  });
  return body.id as string;
}

export interface Installed {
  /** 长春市: changchun-sme-patent-subsidy (3 %, budget 1,000,000 元). */
  cc: string;
  /** 农安县: county-agri-transfer (5 %, cap 1,000,000 元). */
  county: string;
  /** 吉林省: the provincial subsidy, the inventor-reward check and the licensing reward (at least 1 patent). */
  'province-tech-transaction-subsidy': string;
  'institution-inventor-reward-check': string;
  'province-university-licensing-reward': string;
}

/** What each tier installs in these tests: the city's SME subsidy, the county's agricultural policy and three provincial ones. */
export async function installPolicies(env: TestEnv): Promise<Installed> {
  const cc = await installPlugin(env, 'changchun_bureau', 'changchun-sme-patent-subsidy', {
    source: '长科技发〔2026〕1号',
    annualBudgetFen: 100_000_000,
  });
  const county = await installPlugin(env, 'nongan_center', 'county-agri-transfer', {
    source: '农科发〔2026〕3号',
    params: { subsidyRatePercent: 5, subsidyCapFen: 100_000_000 },
  });
  const province: Record<string, string> = {};
  for (const [pluginId, params] of [
    ['province-tech-transaction-subsidy', {}],
    ['institution-inventor-reward-check', {}],
    ['province-university-licensing-reward', { minPatents: 1 }],
  ] as const) {
    province[pluginId] = await installPlugin(env, 'province_admin', pluginId, {
      params,
      source: '吉科发区〔2022〕77号',
      annualBudgetFen: 1_000_000_000,
    });
  }
  return {
    cc,
    county,
    'province-tech-transaction-subsidy': province['province-tech-transaction-subsidy'],
    'institution-inventor-reward-check': province['institution-inventor-reward-check'],
    'province-university-licensing-reward': province['province-university-licensing-reward'],
  };
}

/** A valid application number `2021100<serial>.<check digit>`. */
export const patentNumber = (serial: number) => {
  const digits = `2021100${String(serial).padStart(5, '0')}`;
  return `${digits}.${checkDigit(digits)}`;
};

/** A granted invention patent of 吉林大学, titled `专利<serial>`. */
export async function createPatent(env: TestEnv, serial: number, ipc: string, field: string): Promise<string> {
  const body = await expectStatus(env, `creating patent ${serial}`, 201, 'post', 'jlu_member', '/patents', {
    applicationNumber: patentNumber(serial),
    title: `专利${serial}`,
    patentType: 'invention',
    legalStatus: 'granted',
    ipcClasses: [ipc],
    field,
  });
  return body.id as string;
}

/** Patent 1 (optoelectronics, G01D) and patent 2 (agricultural, A01B) of the contracts below. */
export const PATENT_1 = [1, 'G01D 5/347', 'optoelectronics'] as const;
export const PATENT_2 = [2, 'A01B 79/02', 'modern_agriculture'] as const;

/** 光电编码器专利权转让合同: 吉林大学 transfers patent 1 to the Nong'an SME (5,000,000 元, implemented). */
export const contract1 = (p: { jlu: string; nonganFirm: string }, patentId: string) => ({
  title: '光电编码器专利权转让合同',
  contractType: 'transfer',
  subType: 'patent_right',
  sellerOrgId: p.jlu,
  buyerOrgId: p.nonganFirm,
  amountFen: 500_000_000,
  techTransactionFen: 480_000_000,
  signedOn: `${YEAR}-03-01`,
  patentIds: [patentId],
  implemented: true,
  netIncomeFen: 400_000_000,
  inventorRewardFen: 200_000_000,
});

/** 保护性耕作专利实施许可合同: 吉林大学 licenses the agricultural patent 2 to the Nong'an SME (5,000,000 元). */
export const contract2 = (p: { jlu: string; nonganFirm: string }, patentId: string) => ({
  title: '保护性耕作专利实施许可合同',
  contractType: 'licence',
  subType: 'patent_ordinary',
  sellerOrgId: p.jlu,
  buyerOrgId: p.nonganFirm,
  amountFen: 500_000_000,
  techTransactionFen: 500_000_000,
  signedOn: `${YEAR}-06-01`,
  patentIds: [patentId],
});

/** Submits a contract as a party (吉林大学's member); returns its id. */
export async function submitContract(env: TestEnv, body: object): Promise<string> {
  return (await expectStatus(env, 'submitting a contract', 201, 'post', 'jlu_member', '/contracts', body)).id as string;
}

/** Submits and registers a contract (a registrar of the seller's tenant chain); returns its id. */
export async function registerContract(env: TestEnv, body: object, registrar = 'changchun_reviewer'): Promise<string> {
  const id = await submitContract(env, body);
  if (((body as { techTransactionFen?: number }).techTransactionFen ?? 0) >= 500_000_000) await expertReview(env, id);
  await expectStatus(env, `registering contract ${id}`, 200, 'post', registrar, `/contracts/${id}/register`, {});
  return id;
}

const experts = new WeakMap<TestEnv, Promise<string>>();
/** 技术交易额 ≥ 5,000,000 yuan: an expert of the pool (published once per database) reviews the contract before it is registered. */
export async function expertReview(env: TestEnv, contractId: string) {
  if (!experts.has(env))
    experts.set(
      env,
      (async () => {
        const made = await expectStatus(env, 'creating an expert', 201, 'post', 'changchun_expert', '/experts', {
          name: '王评审',
          title: '研究员',
          fields: ['optoelectronics'],
        });
        await expectStatus(env, 'submitting the expert', 200, 'post', 'changchun_expert', `/experts/${made.id}/submit`, {});
        await expectStatus(env, 'publishing the expert', 200, 'post', 'changchun_reviewer', `/experts/${made.id}/publish`, {});
        return made.id as string;
      })(),
    );
  const expertId = await experts.get(env)!;
  const assigned = await expectStatus(env, 'assigning the expert', 200, 'post', 'changchun_reviewer', `/contracts/${contractId}/experts`, {
    expertIds: [expertId],
  });
  const review = assigned.expertReviews.at(-1).id;
  await expectStatus(env, 'the expert opinion', 200, 'post', 'changchun_expert', `/contract-reviews/${review}/opinion`, {
    opinion: 'agree',
    comment: '同意登记',
  });
}

let voucher = 0;
/** Records money received on a contract (到账) with its bank reference; the buyer's member confirms it. */
export async function receivePayment(env: TestEnv, contractId: string, amountFen: number, receivedOn = `${YEAR}-05-10`) {
  const bankReference = `TEST-${process.pid}-${++voucher}`;
  const recorded = await expectStatus(env, 'recording a payment', 201, 'post', 'jlu_member', `/contracts/${contractId}/payments`, {
    receivedOn,
    amountFen,
    bankReference,
  });
  const payment = recorded.payments.find((x: { bankReference: string }) => x.bankReference === bankReference);
  await expectStatus(
    env,
    'confirming a payment',
    200,
    'post',
    'nongan_enterprise',
    `/contracts/${contractId}/payments/${payment.id}/confirm`,
    {},
  );
}

/** Adds a parameter version to an installation (as its tenant's bureau). */
export async function addParameters(env: TestEnv, user: string, installationId: string, params: object, source: string) {
  await expectStatus(env, 'adding parameters', 201, 'post', user, `/policy/installations/${installationId}/parameters`, {
    params,
    validFrom: `${YEAR}-01-01`,
    source,
  });
}
