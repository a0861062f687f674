import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { checkDigit } from '../../libs/catalog/src/patent-number.js';
import { redisUrl } from '../support/run.js';
import { SETUP_TIMEOUT_MS, snapshot, type TestEnv, useSharedApi } from '../support/test-app.js';

const YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** A small seeded PRNG (mulberry32): the same data set on every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: T[]) => xs[Math.floor(next() * xs.length)],
  };
}

const MEASURES = ['contracts', 'amountFen', 'techTransactionFen', 'receivedFen', 'patents'] as const;
type Totals = Record<(typeof MEASURES)[number], number>;
const AGGREGATE_ORDER = `tenant_id, side, month, contract_type, field, buyer_category, seller_category, flow, with_patents, child_code`;

/**
 * The provincial roll-up (#10): aggregates kept in the contracts' own transactions equal a rebuild
 * from the contracts, every tier's totals are the sum of its children's, and the statistics,
 * KPIs and targets are scoped by the tenant tree.
 */
describe('provincial roll-up', () => {
  let env: TestEnv;
  /** What the test itself expects, contract by contract: the live registered contract of each chain. */
  const live = new Map<
    string,
    {
      id: string;
      amountFen: number;
      techFen: number;
      receivedFen: number;
      recordedFen: number;
      patents: number;
      seller: string;
      buyer: string;
    }
  >();
  const orgs: Record<string, { id: string; tenant: string; inProvince: boolean }> = {};

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
  const aggregates = async () => (await env.db.query(`SELECT * FROM rollup_aggregate ORDER BY ${AGGREGATE_ORDER}`)).rows;
  const summary = async () => (await env.db.query(`SELECT * FROM rollup_summary ORDER BY tenant_id, side, month, dimension, key`)).rows;
  const contributions = async () =>
    (
      await env.db.query(
        `SELECT root_id, contract_id, tenant_id, month::text, dims, measures, placements FROM rollup_contribution ORDER BY root_id`,
      )
    ).rows;
  const stats = async (user: string, code: string) => ok('get', user, `/rollup/statistics?tenantCode=${code}&period=${YEAR}`);

  beforeAll(async () => {
    env = await useSharedApi();
    const jlu = (await env.db.query(`SELECT id FROM organization WHERE name = '吉林大学'`)).rows[0].id;
    orgs.jlu = { id: jlu, tenant: '220104', inProvince: true };
    // Firms in counties of two cities, at a city itself, and one outside the province (吉浙合作).
    const firms: [string, string, string | undefined, ('isSme' | 'isSpecialized' | 'isHighTech')[]][] = [
      ['nanguan', '220102', undefined, ['isSme']],
      ['nongan', '220122', undefined, ['isSme', 'isSpecialized']],
      ['nongan2', '220122', undefined, ['isHighTech']],
      ['changyi', '220202', undefined, []],
      ['fengman', '220211', undefined, ['isSme', 'isHighTech']],
      ['changchun', '220100', undefined, []],
      ['zhejiang', '220000', '330106', []],
    ];
    for (const [key, tenantCode, divisionCode, statuses] of firms) {
      const o = await ok('post', 'province_admin', '/organizations', {
        tenantCode,
        name: `统计测试企业 ${key}`,
        type: 'enterprise',
        ...(divisionCode ? { divisionCode } : {}),
      });
      for (const s of statuses)
        await ok('put', 'province_admin', `/organizations/${o.id}/statuses/${s}`, {
          value: true,
          source: { kind: 'list', name: '测试名单', issuedOn: `${YEAR}-01-01` },
        });
      orgs[key] = { id: o.id, tenant: tenantCode, inProvince: !divisionCode };
    }
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await env.close();
  });

  it('keeps the aggregates in the contracts’ transactions: equal to a rebuild on randomised data, and to the contracts themselves', async () => {
    const r = rng(20261125);
    const patents: string[] = [];
    for (const [i, field] of ['optoelectronics', 'new_materials', 'modern_agriculture', null].entries()) {
      const digits = `2023100${String(900 + i).padStart(5, '0')}`;
      const p = await ok('post', 'jlu_member', '/patents', {
        applicationNumber: `${digits}.${checkDigit(digits)}`,
        title: `统计测试专利 ${i}`,
        patentType: 'invention',
        legalStatus: 'granted',
        ipcClasses: ['G01D 5/347'],
        ...(field ? { field } : {}),
      });
      patents.push(p.id);
    }
    const types: [string, string | undefined][] = [
      ['transfer', 'patent_right'],
      ['licence', 'patent_ordinary'],
      ['development', 'commissioned'],
      ['consulting', undefined],
      ['service', 'other'],
    ];
    const sellers = ['jlu', 'nanguan', 'nongan', 'changyi', 'fengman', 'changchun'];
    const buyers = Object.keys(orgs);
    let ref = 0;
    for (let n = 0; n < 24; n++) {
      const seller = r.pick(sellers);
      const buyer = r.pick(buyers.filter((b) => b !== seller));
      const [contractType, subType] = r.pick(types);
      const amountFen = r.int(1, 400) * 10_000_00 + r.int(0, 99);
      const linked = contractType === 'transfer' || contractType === 'licence' ? patents.filter(() => r.next() < 0.5) : [];
      const c = await ok('post', 'province_admin', '/contracts', {
        title: `统计测试合同 ${n}`,
        contractType,
        ...(subType ? { subType } : {}),
        sellerOrgId: orgs[seller].id,
        buyerOrgId: orgs[buyer].id,
        amountFen,
        techTransactionFen: amountFen - r.int(0, 1000),
        signedOn: TODAY,
        patentIds: linked,
      });
      await ok('post', 'province_reviewer', `/contracts/${c.id}/register`, {}, 200);
      live.set(c.id, {
        id: c.id,
        amountFen,
        techFen: c.techTransactionFen,
        receivedFen: 0,
        recordedFen: 0,
        patents: linked.length,
        seller,
        buyer,
      });
    }
    // Then money received, amendments and cancellations, in a random order.
    for (let step = 0; step < 30; step++) {
      const [root, k] = r.pick([...live.entries()]);
      const what = r.next();
      if (what < 0.5) {
        const amountFen = Math.min(k.amountFen - k.recordedFen, r.int(1, 100) * 1_000_00);
        if (amountFen <= 0) continue;
        const after = await ok('post', 'province_admin', `/contracts/${k.id}/payments`, {
          receivedOn: TODAY,
          amountFen,
          bankReference: `RU${++ref}`,
        });
        k.recordedFen += amountFen;
        const pid = after.payments.find((p: { bankReference: string }) => p.bankReference === `RU${ref}`).id;
        if (r.next() < 0.8) {
          await ok('post', 'province_reviewer', `/contracts/${k.id}/payments/${pid}/confirm`, {}, 200);
          k.receivedFen += amountFen;
        }
      } else if (what < 0.85) {
        const amountFen = Math.max(k.recordedFen, k.amountFen + r.int(-50, 50) * 10_000_00);
        const a = await ok('post', 'province_admin', `/contracts/${k.id}/amendments`, {
          reason: '金额变更',
          amountFen,
          techTransactionFen: amountFen,
        });
        await ok('post', 'province_reviewer', `/contracts/${a.id}/register`, {}, 200);
        Object.assign(k, { id: a.id, amountFen, techFen: amountFen });
      } else {
        await ok('post', 'province_reviewer', `/contracts/${k.id}/cancel`, { reason: '合同已解除' }, 200);
        live.delete(root);
      }
    }

    const incremental = await aggregates();
    expect(incremental.length).toBeGreaterThan(20);
    // The province's registered totals are the contracts the test knows are live.
    const province = await stats('province_admin', '220000');
    const sum = (f: (k: typeof live extends Map<string, infer V> ? V : never) => number) =>
      [...live.values()].reduce((s, k) => s + f(k), 0);
    expect(province.registered.totals).toEqual({
      contracts: live.size,
      amountFen: sum((k) => k.amountFen),
      techTransactionFen: sum((k) => k.techFen),
      receivedFen: sum((k) => k.receivedFen),
      patents: sum((k) => k.patents),
    });
    // 技术吸纳 leaves out the buyer outside the province; 技术输出 counts every seller here (all in the province).
    expect(province.input.totals.contracts).toBe([...live.values()].filter((k) => orgs[k.buyer].inProvince).length);
    expect(province.output.totals.contracts).toBe(live.size);
    expect(province.registered.byFlow.find((f: { key: string }) => f.key === 'outside')?.contracts ?? 0).toBe(
      [...live.values()].filter((k) => !orgs[k.buyer].inProvince).length,
    );

    const incrementalContributions = await contributions();
    expect(incrementalContributions.length).toBe(live.size);
    // The marginal sums the statistics route reads, kept by the same handlers: one row per tenant, side, month and breakdown key.
    const incrementalSummary = await summary();
    expect(incrementalSummary.length).toBeGreaterThan(20);
    expect(incrementalSummary.every((r: { contracts: number }) => r.contracts > 0)).toBe(true);
    // The route's rebuild is set-based (a few SQL statements over the tables): the same rows as the handlers'.
    const rebuilt = await ok('post', 'province_admin', '/rollup/rebuild', {}, 200);
    expect(rebuilt.contracts).toBe(live.size);
    expect(rebuilt.aggregates).toBe(incremental.length);
    expect(await aggregates()).toEqual(incremental);
    expect(await contributions()).toEqual(incrementalContributions);
    expect(await summary()).toEqual(incrementalSummary);
    // And so does the rebuild through the events' own code path (facts read contract by contract).
    const fromFacts = spawnSync(process.execPath, [path.resolve('dist/scripts/rollup-rebuild.js'), '--from-facts'], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DATABASE_URL: (env.db as unknown as { options: { connectionString: string } }).options.connectionString,
        REDIS_URL: redisUrl(),
        REDIS_PREFIX: env.redisPrefix,
        LOG_LEVEL: 'warn',
      },
      encoding: 'utf8',
    });
    expect(fromFacts.status === 0 ? 'rebuilt' : `${fromFacts.stdout}${fromFacts.stderr}`).toBe('rebuilt');
    expect(await aggregates()).toEqual(incremental);
    expect(await contributions()).toEqual(incrementalContributions);
    expect(await summary()).toEqual(incrementalSummary);
  });

  it('every tier’s totals are the sum of its children’s, on every side and measure', async () => {
    const province = await stats('province_admin', '220000');
    for (const side of ['registered', 'output', 'input'] as const) {
      const byChild: (Totals & { code: string })[] = province[side].byChild;
      for (const m of MEASURES) expect([side, m, byChild.reduce((s, c) => s + c[m], 0)]).toEqual([side, m, province[side].totals[m]]);
      for (const breakdown of ['byContractType', 'byField', 'byBuyerCategory', 'bySellerCategory', 'byFlow'])
        expect([side, breakdown, province[side][breakdown].reduce((s: number, c: Totals) => s + c.amountFen, 0)]).toEqual([
          side,
          breakdown,
          province[side].totals.amountFen,
        ]);
      // Each city's own statistics are what the province counts through it, and so on for its counties.
      for (const city of byChild.filter((c) => c.code && c.contracts > 0)) {
        const s = await stats('province_admin', city.code);
        for (const m of MEASURES) expect([side, city.code, m, s[side].totals[m]]).toEqual([side, city.code, m, city[m]]);
        for (const county of (s[side].byChild as (Totals & { code: string })[]).filter((c) => c.code && c.contracts > 0)) {
          const cs = await stats('province_admin', county.code);
          for (const m of MEASURES) expect([side, county.code, m, cs[side].totals[m]]).toEqual([side, county.code, m, county[m]]);
        }
      }
    }
    // Sanity: the data reach two cities and at least one county, so the checks above compared something.
    expect(province.registered.byChild.filter((c: Totals) => c.contracts > 0).length).toBeGreaterThanOrEqual(2);
  });

  it('scopes statistics and KPIs by the tenant tree: a county never sees its city or the province, a city never a sibling’s', async () => {
    const matrix: [string, string, number][] = [
      ['nongan_center', '220122', 200],
      ['nongan_center', '220100', 403],
      ['nongan_center', '220000', 403],
      ['nongan_center', '220102', 403],
      ['changchun_bureau', '220100', 200],
      ['changchun_bureau', '220122', 200],
      ['changchun_bureau', '220000', 403],
      ['changchun_bureau', '220200', 403],
      ['changchun_bureau', '220211', 403],
      ['jilin_city_bureau', '220100', 403],
      ['jilin_city_bureau', '220122', 403],
      ['fengman_center', '220122', 403],
      ['changchun_reviewer', '220100', 200],
      ['jlu_member', '220104', 403],
      ['nongan_enterprise', '220122', 403],
      ['province_admin', '220211', 200],
    ];
    for (const [user, code, status] of matrix) {
      for (const path of [
        `/rollup/statistics?tenantCode=${code}&period=${YEAR}`,
        `/rollup/kpis?tenantCode=${code}&year=${YEAR}`,
        `/rollup/targets?tenantCode=${code}`,
      ]) {
        const res = await call('get', user, path);
        const expected =
          path.startsWith('/rollup/targets') && status === 403 && !['jlu_member', 'nongan_enterprise'].includes(user) ? 200 : status;
        expect([user, path, res.status]).toEqual([user, path, expected]);
        // Targets are listed through the caller's scope: nothing of another tier's shows.
        if (path.startsWith('/rollup/targets') && expected === 200 && status === 403)
          expect([user, path, res.body.items]).toEqual([user, path, []]);
      }
    }
    // A city sees its counties as children, never another city's.
    const cc = await stats('changchun_bureau', '220100');
    const codes = cc.registered.byChild.map((c: { code: string }) => c.code).filter(Boolean);
    expect(codes).toContain('220122');
    expect(codes.every((c: string) => c.startsWith('2201'))).toBe(true);
    // Without tenantCode the caller's own tenant is meant.
    expect((await ok('get', 'nongan_center', `/rollup/statistics?period=${YEAR}`)).tenant.code).toBe('220122');
  });

  it('refuses writes by anyone but the province admin, and a refused write changes nothing', async () => {
    const tables = ['rollup_aggregate', 'rollup_summary', 'rollup_contribution', 'rollup_target', 'audit_log'];
    const before = await snapshot(env.db, tables);
    for (const user of ['changchun_bureau', 'nongan_center', 'province_reviewer', 'jlu_member']) {
      expect([user, (await call('post', user, '/rollup/rebuild')).status]).toEqual([user, 403]);
      for (const tenantCode of ['220000', '220100', '220122']) {
        const res = await call('put', user, '/rollup/targets', {
          tenantCode,
          year: YEAR,
          kpi: 'contract_turnover',
          value: 1,
          source: '测试',
        });
        expect([user, tenantCode, res.status]).toEqual([user, tenantCode, 403]);
      }
    }
    expect(await snapshot(env.db, tables)).toBe(before);
  });

  it('answers bad periods, codes and targets with 400 naming the field', async () => {
    const cases: [string, string][] = [
      [`/rollup/statistics?period=${YEAR}-13`, 'period'],
      [`/rollup/statistics?period=${YEAR}-Q5`, 'period'],
      [`/rollup/statistics?period=Q1`, 'period'],
      [`/rollup/statistics?from=${YEAR}-06&to=${YEAR}-01`, 'to'],
      [`/rollup/statistics?from=${YEAR}-06`, 'to'],
      [`/rollup/statistics`, 'from'],
      [`/rollup/statistics?period=${YEAR}&from=${YEAR}-01`, 'from'],
      [`/rollup/statistics?from=${YEAR}-1&to=${YEAR}-02`, 'from'],
      [`/rollup/statistics?period=${YEAR}&tenantCode=22010X`, 'tenantCode'],
      [`/rollup/statistics?period=${YEAR}&tenantCode=229999`, 'tenantCode'],
      [`/rollup/kpis?year=20x5`, 'year'],
      [`/rollup/kpis`, 'year'],
      [`/rollup/targets?year=99`, 'year'],
    ];
    for (const [path, field] of cases) {
      const res = await call('get', 'province_admin', path);
      expect([path, res.status, res.body.errors?.map((e: { field: string }) => e.field)]).toEqual([path, 400, [field]]);
    }
    const before = await snapshot(env.db, ['rollup_target', 'audit_log']);
    const bad: [object, string][] = [
      [{ kpi: 'contract_turnover', growthPercent: 10 }, 'value'],
      [{ kpi: 'contract_turnover', value: 1, growthPercent: 10 }, 'growthPercent'],
      [{ kpi: 'sme_patent_amount', value: 1 }, 'growthPercent'],
      [{ kpi: 'no_such_kpi', value: 1 }, 'kpi'],
      [{ kpi: 'contract_turnover', value: 1.5 }, 'value'],
      [{ kpi: 'contract_turnover', value: 1, tenantCode: '229999' }, 'tenantCode'],
    ];
    for (const [body, field] of bad) {
      const res = await call('put', 'province_admin', '/rollup/targets', { tenantCode: '220000', year: YEAR, source: '测试', ...body });
      expect([body, res.status, res.body.errors?.map((e: { field: string }) => e.field)]).toEqual([body, 400, [field]]);
    }
    // zh-CN first, English on request.
    const zh = await call('get', 'province_admin', `/rollup/statistics?period=${YEAR}-13`);
    expect(zh.body.errors[0].message).toMatch(/年份/);
    expect(await snapshot(env.db, ['rollup_target', 'audit_log'])).toBe(before);
  });

  it('shows each KPI per tier: actual, last year, target from the texts or the province admin, and whether it is on track', async () => {
    const seeded = await ok('get', 'province_admin', '/rollup/targets?tenantCode=220000');
    const turnover = (y: number) => seeded.items.find((t: { year: number; kpi: string }) => t.year === y && t.kpi === 'contract_turnover');
    expect(turnover(2020).value).toBe(3_000_000_000_000); // 300亿元 in fen
    expect(turnover(2025).value).toBe(5_000_000_000_000); // 500亿元
    expect(
      seeded.items
        .filter((t: { year: number; growthPercent: number | null; kpi: string }) => t.year === 2022 && t.kpi.startsWith('sme_'))
        .map((t: { growthPercent: number }) => t.growthPercent),
    ).toEqual([10, 10, 10]);

    const province = await stats('province_admin', '220000');
    const actual = province.registered.totals.amountFen;
    // A target the year so far has reached (pro rata), set by the province admin and audited.
    const set = await ok(
      'put',
      'province_admin',
      '/rollup/targets',
      { tenantCode: '220000', year: YEAR, kpi: 'contract_turnover', value: actual, source: '测试目标' },
      200,
    );
    expect(set.value).toBe(actual);
    const audit = await env.db.query(`SELECT 1 FROM audit_log WHERE entity_type = 'RollupTarget' AND entity_id = $1`, [set.id]);
    expect(audit.rowCount).toBe(1);
    await ok(
      'put',
      'province_admin',
      '/rollup/targets',
      { tenantCode: '220100', year: YEAR, kpi: 'contract_turnover', value: 1e15, source: '测试目标' },
      200,
    );
    await ok(
      'put',
      'province_admin',
      '/rollup/targets',
      { tenantCode: '220000', year: YEAR, kpi: 'sme_patent_amount', growthPercent: 10, source: '测试目标' },
      200,
    );

    const k = await ok('get', 'province_admin', `/rollup/kpis?tenantCode=220000&year=${YEAR}`);
    const children = (
      await env.db.query(`SELECT count(*)::int AS n FROM tenant WHERE parent_id = (SELECT id FROM tenant WHERE code = '220000')`)
    ).rows[0].n;
    expect(k.tiers.length).toBe(children + 1);
    const kpi = (code: string, name: string) =>
      k.tiers.find((t: { tenant: { code: string } }) => t.tenant.code === code).kpis.find((x: { kpi: string }) => x.kpi === name);
    const own = kpi('220000', 'contract_turnover');
    expect([own.actual, own.previous, own.yoyPercent, own.target.value]).toEqual([actual, 0, null, actual]);
    expect(own.onTrack).toBe(true);
    expect(kpi('220100', 'contract_turnover').onTrack).toBe(false); // 1e15 fen is out of reach
    expect(kpi('220100', 'contract_turnover').actual).toBe(
      province.registered.byChild.find((c: { code: string }) => c.code === '220100').amountFen,
    );
    // A growth target of the tenant asked about applies to its children; no base last year: unknown, not on track.
    const sme = kpi('220100', 'sme_patent_amount');
    expect([sme.target.growthPercent, sme.target.inherited, sme.onTrack]).toEqual([10, true, null]);
    // A city sees its own tiers, not the province's targets.
    const city = await ok('get', 'changchun_bureau', `/rollup/kpis?tenantCode=220100&year=${YEAR}`);
    expect(city.tiers[0].kpis.find((x: { kpi: string }) => x.kpi === 'sme_patent_amount').target).toBeNull();
    expect(city.tiers[0].kpis.find((x: { kpi: string }) => x.kpi === 'contract_turnover').target.value).toBe(1e15);
  });

  it('rolls a registration back with its statistics when the in-transaction update fails, and leaves nothing half-counted', async () => {
    // The statistics refuse this contract (a test-only CHECK on its contribution, written after the aggregates):
    // the registration and the aggregates it already updated roll back together.
    const before = await snapshot(env.db, ['rollup_aggregate', 'rollup_summary', 'rollup_contribution']);
    const c = await ok('post', 'province_admin', '/contracts', {
      title: '回滚测试合同',
      contractType: 'consulting',
      sellerOrgId: orgs.nanguan.id,
      buyerOrgId: orgs.nongan.id,
      amountFen: 1000,
      techTransactionFen: 1000,
      signedOn: TODAY,
    });
    await env.db.query(`ALTER TABLE rollup_contribution ADD CONSTRAINT rollup_test_block CHECK ((measures->>'amountFen')::bigint <> 1000)`);
    try {
      const res = await call('post', 'province_reviewer', `/contracts/${c.id}/register`, {});
      expect(res.status).toBe(500);
      expect((await env.db.query(`SELECT status FROM tech_contract WHERE id = $1`, [c.id])).rows[0].status).toBe('submitted');
      expect(await snapshot(env.db, ['rollup_aggregate', 'rollup_summary', 'rollup_contribution'])).toBe(before);
    } finally {
      await env.db.query(`ALTER TABLE rollup_contribution DROP CONSTRAINT rollup_test_block`);
    }
    await ok('post', 'province_reviewer', `/contracts/${c.id}/register`, {}, 200);
    expect(await snapshot(env.db, ['rollup_aggregate', 'rollup_summary', 'rollup_contribution'])).not.toBe(before);
  });

  it('shows a registration, a confirmed payment and a cancellation on every tier’s dashboard the moment each answers, though answers are reused between', async () => {
    const tiers = [
      ['province_admin', '220000'],
      ['changchun_bureau', '220100'],
      ['nongan_center', '220122'],
    ] as const;
    // 技术输出 by the seller (农安, a county of 长春): counted at the county, the city and the province.
    const read = async () => {
      const out: Record<string, Totals> = {};
      for (const [user, code] of tiers) out[code] = (await stats(user, code)).output.totals;
      return out;
    };
    const plus = (t: Totals, d: Partial<Totals>) => ({
      ...t,
      ...Object.fromEntries(Object.entries(d).map(([k, v]) => [k, t[k as keyof Totals] + v])),
    });
    const before = await read();
    // Asked again with nothing registered in between: the kept answers, still checked per caller.
    expect(await read()).toEqual(before);
    expect((await call('get', 'nongan_center', `/rollup/statistics?tenantCode=220000&period=${YEAR}`)).status).toBe(403);
    expect((await call('get', 'changchun_bureau', `/rollup/statistics?tenantCode=220000&period=${YEAR}`)).status).toBe(403);

    const amountFen = 123_456_00;
    const c = await ok('post', 'province_admin', '/contracts', {
      title: '看板即时测试合同',
      contractType: 'consulting',
      sellerOrgId: orgs.nongan.id,
      buyerOrgId: orgs.changyi.id,
      amountFen,
      techTransactionFen: amountFen,
      signedOn: TODAY,
    });
    await ok('post', 'province_reviewer', `/contracts/${c.id}/register`, {}, 200);
    const registered = await read();
    for (const [, code] of tiers)
      expect([code, registered[code]]).toEqual([code, plus(before[code], { contracts: 1, amountFen, techTransactionFen: amountFen })]);

    const after = await ok('post', 'province_admin', `/contracts/${c.id}/payments`, {
      receivedOn: TODAY,
      amountFen: 50_000_00,
      bankReference: 'KANBAN1',
    });
    await ok('post', 'province_reviewer', `/contracts/${c.id}/payments/${after.payments[0].id}/confirm`, {}, 200);
    const paid = await read();
    for (const [, code] of tiers) expect([code, paid[code]]).toEqual([code, plus(registered[code], { receivedFen: 50_000_00 })]);

    await ok('post', 'province_reviewer', `/contracts/${c.id}/cancel`, { reason: '合同已解除' }, 200);
    expect(await read()).toEqual(before);
  });
});
