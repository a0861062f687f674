import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/core/src/database/data-source-options.js';
import { allEntities, allMigrations } from '../../migrations/index.js';
import { OrganizationFacts1795839485676 } from '../../migrations/1795839485676-organization-facts.js';
import { createSuiteDatabase } from '../support/databases.js';
import { CATALOG_TABLES, snapshot, SETUP_TIMEOUT_MS, type TestEnv, useSharedApi } from '../support/test-app.js';

const YEAR = new Date().getFullYear();
/** China calendar date `days` from today. */
const chinaDay = (days = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
/** What a refused request must leave as it was (refresh tokens change with every first login). */
const CORE_TABLES = ['tenant', 'organization', 'user_account', 'audit_log', ...CATALOG_TABLES];
const TABLES = [...CORE_TABLES, 'organization_fact_source', 'organization_fact_request'];
const certificate = {
  kind: 'certificate',
  name: '高新技术企业证书',
  certificateNumber: 'GR202522000123',
  issuedOn: '2025-11-20',
  validUntil: '2028-11-19',
};

/**
 * Organisations as verified facts (issue 9 §5, §6, §8): statuses and founding facts set only by
 * tier staff of the organisation's tenant chain from a named source (or an imported official
 * list), requested by the firm and confirmed or rejected, kept with their provenance and carried
 * on events; organisations outside Jilin with their own division code; the equity subsidy paid
 * on the founded firm's confirmed record, not on a contract's sub-type.
 */
describe('verified organisation facts (资格认定、设立信息、省外机构)', () => {
  let env: TestEnv;
  const ids: Record<string, string> = {};
  const call = async (method: 'get' | 'post' | 'patch' | 'put' | 'delete', user: string, path: string, body?: object) => {
    const req = env
      .http()
      [method](path)
      .set(await env.as(user));
    return body ? req.send(body) : req;
  };
  const userId = async (username: string) =>
    (await env.db.query(`SELECT id FROM user_account WHERE username = $1`, [username])).rows[0].id as string;

  beforeAll(async () => {
    env = await useSharedApi();
    const org = async (name: string) => (await env.db.query(`SELECT id FROM organization WHERE name = $1`, [name])).rows[0].id as string;
    ids.nonganFirm = await org('农安县禾丰农业科技有限公司（演示）'); // nongan_enterprise's firm, tenant 220122
    ids.fengmanFirm = await org('吉林市丰满新材料有限公司（演示）'); // tenant 220211
    ids.jlu = await org('吉林大学');
    const cc = await call('post', 'changchun_bureau', '/organizations', {
      tenantCode: '220100',
      name: '长春光电演示有限公司',
      type: 'enterprise',
      creditCode: '91220101MA00000013',
    });
    expect(cc.status).toBe(201);
    ids.ccFirm = cc.body.id; // a city-level firm: above the Nong'an county centre
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await env.close();
  });

  it('a firm’s member cannot set its own statuses (403), nor can staff without a source; nothing changes', async () => {
    // (Only the tables that exist before this change, so the test fails on the old code for the right reason.)
    const before = await snapshot(env.db, CORE_TABLES);
    for (const body of [
      { isHighTech: true },
      { isSme: false },
      { isSpecialized: false },
      { contactPhone: '13800000000', isHighTech: true },
    ]) {
      const res = await call('patch', 'nongan_enterprise', `/organizations/${ids.nonganFirm}`, body);
      expect([body, res.status, res.body.code]).toEqual([body, 403, 'FORBIDDEN']);
    }
    // Staff too: a status is never a bare flag, on update or on registration.
    expect((await call('patch', 'changchun_bureau', `/organizations/${ids.nonganFirm}`, { isHighTech: true })).status).toBe(403);
    expect(
      (
        await call('post', 'nongan_center', '/organizations', {
          tenantCode: '220122',
          name: '自称高新企业',
          type: 'enterprise',
          isHighTech: true,
        })
      ).status,
    ).toBe(403);
    expect(await snapshot(env.db, CORE_TABLES)).toBe(before);
    // The profile fields stay the member's.
    expect((await call('patch', 'nongan_enterprise', `/organizations/${ids.nonganFirm}`, { contactPhone: '13800000000' })).status).toBe(
      200,
    );
  });

  it('tier staff of the chain set a status from a named source; the view and the audit log keep who, what and from where', async () => {
    const res = await call('put', 'nongan_center', `/organizations/${ids.nonganFirm}/statuses/isHighTech`, {
      value: true,
      source: certificate,
      note: '核验证书原件',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      isHighTech: true,
      statuses: {
        isHighTech: {
          value: true,
          expired: false,
          source: { ...certificate, confirmedBy: await userId('nongan_center'), requestId: null, note: '核验证书原件' },
        },
        // The demo data's statuses name their (fictional) list.
        isSme: { value: true, source: { kind: 'list', name: '演示数据：虚构名单（非官方）', confirmedBy: null } },
      },
    });
    const log = await call('get', 'changchun_bureau', `/audit-logs?entityType=OrganizationFactSource`);
    expect(log.body.items[0]).toMatchObject({
      action: 'create',
      tenantCode: '220122',
      actorUserId: await userId('nongan_center'),
      changes: { fact: { to: 'isHighTech' }, sourceName: { to: '高新技术企业证书' }, certificateNumber: { to: 'GR202522000123' } },
    });
    const orgLog = await call('get', 'changchun_bureau', `/audit-logs?entityType=Organization&entityId=${ids.nonganFirm}`);
    expect(orgLog.body.items[0].changes).toEqual({ isHighTech: { from: false, to: true } });

    // Every tier above may revoke, again naming where it comes from.
    const revoked = await call('put', 'province_admin', `/organizations/${ids.nonganFirm}/statuses/isSpecialized`, {
      value: false,
      source: {
        kind: 'list',
        name: '关于撤销部分专精特新中小企业资格的通知',
        certificateNumber: '吉工信〔2026〕9号',
        issuedOn: '2026-01-15',
      },
    });
    expect([revoked.status, revoked.body.isSpecialized, revoked.body.statuses.isSpecialized.value]).toEqual([200, false, false]);
  });

  it('refuses a status without a proper source, naming the field, and stores nothing', async () => {
    const before = await snapshot(env.db, TABLES);
    const put = (path: string, body: object) => call('put', 'nongan_center', path, body);
    const base = `/organizations/${ids.nonganFirm}/statuses`;
    for (const [path, body, field] of [
      [`${base}/isHighTech`, { value: true }, 'source'],
      [`${base}/isHighTech`, { value: true, source: { ...certificate, name: '' } }, 'source.name'],
      [`${base}/isHighTech`, { value: true, source: { ...certificate, kind: 'import' } }, 'source.kind'],
      [`${base}/isHighTech`, { value: true, source: { ...certificate, issuedOn: '2025-02-30' } }, 'source.issuedOn'],
      [`${base}/isHighTech`, { value: true, source: { ...certificate, validUntil: '2025-11-19' } }, 'source.validUntil'],
      [`${base}/isHighTech`, { value: 'yes', source: certificate }, 'value'],
      [`${base}/isHighTech`, { value: true, source: certificate, isSme: true }, 'isSme'],
      [`${base}/isBig`, { value: true, source: certificate }, 'status'],
      [
        `/organizations/${ids.nonganFirm}/founding`,
        { foundedOn: '2024-03-01', withTechnologyEquity: true, source: certificate },
        'paidInCashCapitalFen',
      ],
    ] as const) {
      const res = await put(path, body);
      expect([path, field, res.status, res.body.errors?.[0]?.field]).toEqual([path, field, 400, field]);
    }
    // Statuses are enterprises' (a university is not an SME).
    const uni = await call('put', 'changchun_bureau', `/organizations/${ids.jlu}/statuses/isSme`, { value: true, source: certificate });
    expect([uni.status, uni.body.errors[0].field, uni.body.errors[0].message]).toEqual([
      400,
      'status',
      'status: 机构类型必须是：enterprise',
    ]);
    expect(await snapshot(env.db, TABLES)).toBe(before);
  });

  it('a member requests a change with its evidence; staff confirm or reject it; every step is audited', async () => {
    const asked = await call('post', 'nongan_enterprise', `/organizations/${ids.nonganFirm}/fact-requests`, {
      fact: 'founding',
      founding: { foundedOn: '2024-03-01', withTechnologyEquity: false, paidInCashCapitalFen: 5_000_000_00 },
      evidence: '营业执照及验资报告扫描件已交县服务中心',
    });
    expect([asked.status, asked.body.state, asked.body.fact]).toEqual([201, 'pending', 'founding']);
    ids.foundingRequest = asked.body.id;
    // One open request per fact; the member cannot decide it; staff cannot file one for the firm.
    expect(
      (
        await call('post', 'nongan_enterprise', `/organizations/${ids.nonganFirm}/fact-requests`, {
          fact: 'founding',
          founding: { foundedOn: '2024-03-01', withTechnologyEquity: true, paidInCashCapitalFen: 1 },
          evidence: '再次申请',
        })
      ).body.code,
    ).toBe('FACT_REQUEST_PENDING');
    expect((await call('post', 'nongan_enterprise', `/organization-fact-requests/${ids.foundingRequest}/confirm`, {})).status).toBe(403);
    expect(
      (await call('post', 'nongan_center', `/organizations/${ids.nonganFirm}/fact-requests`, { fact: 'isSme', value: true, evidence: 'x' }))
        .status,
    ).toBe(403);
    // The firm named no source: staff must.
    const noSource = await call('post', 'nongan_center', `/organization-fact-requests/${ids.foundingRequest}/confirm`, {});
    expect([noSource.status, noSource.body.errors[0].field]).toEqual([400, 'source']);
    const confirmed = await call('post', 'nongan_center', `/organization-fact-requests/${ids.foundingRequest}/confirm`, {
      source: { kind: 'document', name: '营业执照及验资报告', certificateNumber: '农验字〔2024〕18号', issuedOn: '2024-03-01' },
    });
    expect([confirmed.status, confirmed.body.state, confirmed.body.decidedBy]).toEqual([200, 'confirmed', await userId('nongan_center')]);
    const org = await call('get', 'nongan_enterprise', `/organizations/${ids.nonganFirm}`);
    expect(org.body.founding).toMatchObject({
      foundedOn: '2024-03-01',
      withTechnologyEquity: false,
      paidInCashCapitalFen: 5_000_000_00,
      source: { kind: 'document', name: '营业执照及验资报告', requestId: ids.foundingRequest },
    });
    const again = await call('post', 'changchun_bureau', `/organization-fact-requests/${ids.foundingRequest}/reject`, { reason: '重复' });
    expect([again.status, again.body.code]).toEqual([409, 'INVALID_TRANSITION']);

    // A request for a status, with the firm's certificate, rejected with a reason: nothing changes on the organisation.
    const asked2 = await call('post', 'nongan_enterprise', `/organizations/${ids.nonganFirm}/fact-requests`, {
      fact: 'isSpecialized',
      value: true,
      source: { kind: 'certificate', name: '专精特新中小企业证书', issuedOn: '2026-02-01', validUntil: '2029-01-31' },
      evidence: '已重新认定',
    });
    expect(asked2.status).toBe(201);
    const before = (await call('get', 'nongan_center', `/organizations/${ids.nonganFirm}`)).body;
    const rejected = await call('post', 'changchun_bureau', `/organization-fact-requests/${asked2.body.id}/reject`, {
      reason: '名单中未查到该企业',
    });
    expect(rejected.body).toMatchObject({
      state: 'rejected',
      decisionReason: '名单中未查到该企业',
      decidedBy: await userId('changchun_bureau'),
    });
    expect((await call('get', 'nongan_center', `/organizations/${ids.nonganFirm}`)).body).toEqual(before);

    // The member sees its own requests; staff of the chain see them in their queue.
    const mine = await call('get', 'nongan_enterprise', '/organization-fact-requests');
    expect(mine.body.items.map((r: { id: string }) => r.id)).toEqual([asked2.body.id, ids.foundingRequest]);
    const queue = await call('get', 'changchun_bureau', '/organization-fact-requests?state=rejected');
    expect(queue.body.items.map((r: { id: string; organizationName: string }) => [r.id, r.organizationName])).toEqual([
      [asked2.body.id, '农安县禾丰农业科技有限公司（演示）'],
    ]);
    const log = await call('get', 'nongan_center', `/audit-logs?entityType=OrganizationFactRequest&entityId=${asked2.body.id}`);
    expect(log.body.items.map((e: { action: string; actorUserId: string }) => [e.action, e.actorUserId])).toEqual([
      ['update', await userId('changchun_bureau')],
      ['create', await userId('nongan_enterprise')],
    ]);
  });

  it('refuses every status route across tenants (403/404), and nothing changes', async () => {
    const pending = await call('post', 'nongan_enterprise', `/organizations/${ids.nonganFirm}/fact-requests`, {
      fact: 'isSme',
      value: true,
      evidence: '中小企业划型自测结果',
    });
    expect(pending.status).toBe(201);
    const req = pending.body.id as string;
    const status = { value: true, source: certificate };
    const founding = {
      foundedOn: '2024-03-01',
      withTechnologyEquity: true,
      paidInCashCapitalFen: 1,
      source: { kind: 'document', name: '营业执照', issuedOn: '2024-03-01' },
    };
    const routes = (org: string): [string, 'get' | 'put' | 'post', string, object | undefined][] => [
      ['status', 'put', `/organizations/${org}/statuses/isHighTech`, status],
      ['founding', 'put', `/organizations/${org}/founding`, founding],
      ['request', 'post', `/organizations/${org}/fact-requests`, { fact: 'isHighTech', value: true, evidence: '越权' }],
    ];
    const onRequest: [string, 'get' | 'put' | 'post', string, object | undefined][] = [
      ['read request', 'get', `/organization-fact-requests/${req}`, undefined],
      ['confirm', 'post', `/organization-fact-requests/${req}/confirm`, { source: certificate }],
      ['reject', 'post', `/organization-fact-requests/${req}/reject`, { reason: '越权' }],
    ];
    const cases: [string, [string, 'get' | 'put' | 'post', string, object | undefined][], number[]][] = [
      // a sibling city, a county of another city: the Nong'an firm and its request do not exist for them
      ['jilin_city_bureau', [...routes(ids.nonganFirm).slice(0, 2), ...onRequest], [404]],
      ['fengman_center', [...routes(ids.nonganFirm).slice(0, 2), ...onRequest], [404]],
      // staff do not file requests (they set facts themselves), anywhere
      ['jilin_city_bureau', routes(ids.nonganFirm).slice(2), [403]],
      ['changchun_bureau', routes(ids.nonganFirm).slice(2), [403]],
      // a county centre cannot reach up to a city-level firm, nor across to a sibling county's
      ['nongan_center', [...routes(ids.ccFirm), ...routes(ids.fengmanFirm)], [403, 404]],
      // in the chain but not tier staff: sees, may not attest
      ['changchun_reviewer', [...routes(ids.nonganFirm).slice(0, 2), ...onRequest.slice(1)], [403, 404]],
      // the firm's own member: no attesting, no deciding; other firms are invisible
      ['nongan_enterprise', [...routes(ids.nonganFirm).slice(0, 2), ...onRequest.slice(1), ...routes(ids.fengmanFirm)], [403, 404]],
      ['jlu_member', [...routes(ids.nonganFirm), ...onRequest], [403, 404]],
    ];
    const before = await snapshot(env.db, TABLES);
    for (const [user, calls, allowed] of cases) {
      for (const [what, method, path, body] of calls) {
        const res = await call(method, user, path, body);
        expect([user, what, allowed.includes(res.status)]).toEqual([user, what, true]);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    }
    // Lists leak nothing across the tree either.
    for (const user of ['jilin_city_bureau', 'fengman_center', 'jlu_member']) {
      const list = await call('get', user, '/organization-fact-requests');
      expect([user, list.status === 403 || list.body.items?.length === 0]).toEqual([user, true]);
    }
    expect(await snapshot(env.db, TABLES)).toBe(before);
    // The chain above succeeds.
    expect((await call('post', 'changchun_bureau', `/organization-fact-requests/${req}/reject`, { reason: '未附划型结果' })).status).toBe(
      200,
    );
    expect((await call('put', 'province_admin', `/organizations/${ids.ccFirm}/statuses/isSme`, status)).status).toBe(200);
  });

  it('an expired certificate (valid until yesterday, China time) counts as not having the status; today still counts', async () => {
    const set = (validUntil: string) =>
      call('put', 'changchun_bureau', `/organizations/${ids.ccFirm}/statuses/isHighTech`, {
        value: true,
        source: { ...certificate, certificateNumber: 'GR202322000999', issuedOn: '2023-01-01', validUntil },
      });
    const expired = await set(chinaDay(-1));
    expect([expired.status, expired.body.isHighTech, expired.body.statuses.isHighTech]).toEqual([
      200,
      false,
      expect.objectContaining({ value: true, expired: true }),
    ]);
    const lastDay = await set(chinaDay(0));
    expect([lastDay.body.isHighTech, lastDay.body.statuses.isHighTech.expired]).toEqual([true, false]);
    await set(chinaDay(-1)); // leave it expired for the event below
  });

  it('imports an official list (CSV or XLSX) in one transaction; a list with bad rows is refused row by row in Chinese, storing nothing', async () => {
    const before = await snapshot(env.db, TABLES);
    const csv = [
      '序号,统一社会信用代码,企业名称,证书编号',
      '1,91220101MA00000013,,ZJTX-2026-001', // the Changchun firm, by credit code
      '2,,吉林市丰满新材料有限公司（演示）,ZJTX-2026-002', // outside the Nong'an centre's county → not found
      '3,91350100M000100Y44,,', // bad check character
      '4,,不存在的企业,',
      '5,,,',
      '6,,吉林大学,', // not an enterprise (and outside the county)
    ].join('\n');
    const query = {
      status: 'isSpecialized',
      sourceName: '2026年吉林省专精特新中小企业名单',
      issuedOn: '2026-03-01',
      validUntil: '2029-02-28',
    };
    const refused = await env
      .http()
      .post('/organizations/status-imports')
      .query(query)
      .set(await env.as('changchun_bureau'))
      .attach('file', Buffer.from(csv, 'utf8'), 'list.csv');
    expect([refused.status, refused.body.code]).toEqual([400, 'ORGANIZATION_IMPORT_INVALID']);
    expect(refused.body.errors.map((e: { field: string; message: string }) => e.message)).toEqual([
      'rows[3].name: 第 3 行：在您的管辖范围内没有机构“吉林市丰满新材料有限公司（演示）”',
      'rows[4].creditCode: 第 4 行：“91350100M000100Y44”不是有效的统一社会信用代码',
      'rows[5].name: 第 5 行：在您的管辖范围内没有机构“不存在的企业”',
      'rows[6]: 第 6 行：请填写统一社会信用代码或机构名称',
      'rows[7].name: 第 7 行：“吉林大学”不是企业',
    ]);
    const english = await env
      .http()
      .post('/organizations/status-imports')
      .query(query)
      .set({ ...(await env.as('changchun_bureau')), 'accept-language': 'en' })
      .attach('file', Buffer.from(csv, 'utf8'), 'list.csv');
    expect(english.body.errors[1].message).toBe('rows[4].creditCode: row 4: 91350100M000100Y44 is not a valid unified social credit code');
    // The county centre cannot import its city's firm: it does not exist for it.
    const county = await env
      .http()
      .post('/organizations/status-imports')
      .query(query)
      .set(await env.as('nongan_center'))
      .attach('file', Buffer.from('统一社会信用代码\n91220101MA00000013\n', 'utf8'), 'list.csv');
    expect([county.status, county.body.errors[0].field]).toEqual([400, 'rows[2].creditCode']);
    const member = await env
      .http()
      .post('/organizations/status-imports')
      .query(query)
      .set(await env.as('nongan_enterprise'))
      .attach('file', Buffer.from('企业名称\n农安县禾丰农业科技有限公司（演示）\n', 'utf8'), 'list.csv');
    expect(member.status).toBe(403);
    const notAFile = await env
      .http()
      .post('/organizations/status-imports')
      .query(query)
      .set(await env.as('changchun_bureau'))
      .attach('file', Buffer.from('%PDF-1.4'), 'list.pdf');
    expect([notAFile.status, notAFile.body.errors[0].field]).toEqual([400, 'file']);
    expect(await snapshot(env.db, TABLES)).toBe(before);

    // An XLSX list by name and credit code, with the rows' own certificate numbers and dates.
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('名单');
    sheet.addRow(['统一社会信用代码', '企业名称', '证书编号', '发证日期', '有效期至']);
    sheet.addRow(['91220101MA00000013', '', 'ZJTX-2026-001', new Date(Date.UTC(2026, 2, 1)), '2029-02-28']);
    sheet.addRow(['', '农安县禾丰农业科技有限公司（演示）', 'ZJTX-2026-002', '2026年3月1日', '2029/2/28']);
    const imported = await env
      .http()
      .post('/organizations/status-imports')
      .query(query)
      .set(await env.as('changchun_bureau'))
      .attach('file', Buffer.from(await wb.xlsx.writeBuffer()), 'list.xlsx');
    expect([imported.status, imported.body.imported]).toEqual([201, 2]);
    for (const [id, number] of [
      [ids.ccFirm, 'ZJTX-2026-001'],
      [ids.nonganFirm, 'ZJTX-2026-002'],
    ]) {
      const view = (await call('get', 'changchun_bureau', `/organizations/${id}`)).body;
      expect(view.isSpecialized).toBe(true);
      expect(view.statuses.isSpecialized.source).toMatchObject({
        kind: 'import',
        name: '2026年吉林省专精特新中小企业名单',
        certificateNumber: number,
        issuedOn: '2026-03-01',
        validUntil: '2029-02-28',
        confirmedBy: await userId('changchun_bureau'),
      });
    }
    const log = await call('get', 'changchun_bureau', `/audit-logs?entityType=Organization&entityId=${ids.ccFirm}`);
    expect(log.body.items[0].changes).toEqual({ isSpecialized: { from: false, to: true } });
  });

  it('registers organisations outside Jilin with their own division code; inProvince is the division’s fact', async () => {
    const zj = await call('post', 'province_admin', '/organizations', {
      tenantCode: '220000',
      name: '杭州吉浙合作科技有限公司',
      type: 'enterprise',
      divisionCode: '330106',
    });
    expect([zj.status, zj.body.tenantCode, zj.body.divisionCode, zj.body.inProvince]).toEqual([201, '220000', '330106', false]);
    ids.zjFirm = zj.body.id;
    // Visible to the province, not to a city.
    expect((await call('get', 'changchun_bureau', `/organizations/${ids.zjFirm}`)).status).toBe(404);
    // Existing and default organisations are where their tenant is.
    expect((await call('get', 'nongan_center', `/organizations/${ids.nonganFirm}`)).body).toMatchObject({
      divisionCode: '220122',
      inProvince: true,
    });

    const before = await snapshot(env.db, TABLES);
    for (const [user, body] of [
      ['province_admin', { tenantCode: '220000', name: 'x', type: 'enterprise', divisionCode: '999999' }], // no such province
      ['province_admin', { tenantCode: '220000', name: 'x', type: 'enterprise', divisionCode: '330001' }], // malformed
      ['province_admin', { tenantCode: '220000', name: 'x', type: 'enterprise', divisionCode: '22010' }],
      ['changchun_bureau', { tenantCode: '220100', name: 'x', type: 'enterprise', divisionCode: '220211' }], // a Jilin-city district under Changchun
      ['nongan_center', { tenantCode: '220122', name: 'x', type: 'enterprise', divisionCode: '229999' }], // not a Jilin division
    ] as const) {
      const res = await call('post', user, '/organizations', body);
      expect([body.divisionCode, res.status, res.body.errors?.[0]?.field]).toEqual([body.divisionCode, 400, 'divisionCode']);
    }
    const moved = await call('patch', 'nongan_enterprise', `/organizations/${ids.nonganFirm}`, { divisionCode: '330106' });
    expect(moved.status).toBe(403); // the member does not relocate its firm
    expect(await snapshot(env.db, TABLES)).toBe(before);
    // A city firm located in one of its counties is fine.
    const inCounty = await call('patch', 'changchun_bureau', `/organizations/${ids.ccFirm}`, { divisionCode: '220102' });
    expect([inCounty.status, inCounty.body.divisionCode, inCounty.body.inProvince]).toEqual([200, '220102', true]);
  });

  it('pays the equity subsidy on the founded firm’s confirmed record, not on a contract’s sub-type; events carry statuses’ sources and founding facts', async () => {
    const install = await call('post', 'province_admin', '/policy/installations', {
      pluginId: 'province-equity-subsidy',
      validFrom: `${YEAR}-01-01`,
      source: '吉科发区〔2022〕77号',
      annualBudgetFen: 1_000_000_000,
    });
    expect(install.status).toBe(201);
    const newFirm = async (name: string) =>
      (await call('post', 'nongan_center', '/organizations', { tenantCode: '220122', name, type: 'enterprise' })).body.id as string;
    ids.founded = await newFirm('农安县光电技术入股新设企业有限公司');
    ids.declared = await newFirm('农安县自称技术入股企业有限公司');
    const register = async (buyerOrgId: string, paidInCashCapitalFen?: number) => {
      const submitted = await call('post', 'jlu_member', '/contracts', {
        title: '光电编码技术作价入股合同',
        contractType: 'transfer',
        subType: 'equity',
        sellerOrgId: ids.jlu,
        buyerOrgId,
        amountFen: 20_000_000_00,
        // Below 5,000,000 yuan of 技术交易额, so the registrar needs no expert review first.
        techTransactionFen: 4_000_000_00,
        signedOn: `${YEAR}-01-04`,
        ...(paidInCashCapitalFen ? { paidInCashCapitalFen } : {}),
      });
      expect(submitted.status).toBe(201);
      expect((await call('post', 'changchun_reviewer', `/contracts/${submitted.body.id}/register`, {})).status).toBe(200);
      return submitted.body.id as string;
    };
    const decision = async (contractId: string) => {
      const end = Date.now() + 20_000;
      for (;;) {
        const res = await call('get', 'province_admin', `/policy/decisions?subjectId=${contractId}`);
        const d = res.body.items?.find((x: { pluginId: string }) => x.pluginId === 'province-equity-subsidy');
        if (d) return d as { eligible: boolean; amountFen: number; reasons: { ok: boolean; text: string }[] };
        if (Date.now() > end) throw new Error(`no equity decision for ${contractId}`);
        await new Promise((r) => setTimeout(r, 150));
      }
    };
    // Sub-type equity and a cash amount typed on the contract used to be enough; now the firm has no founding record.
    const refused = await decision(await register(ids.declared, 30_000_000_00));
    expect([refused.eligible, refused.amountFen]).toEqual([false, 0]);
    expect(refused.reasons.filter((r) => !r.ok).map((r) => r.text)[0]).toBe(
      '“农安县自称技术入股企业有限公司”未登记设立信息（成立日期、出资方式、实缴货币出资）',
    );
    const record = {
      foundedOn: `${YEAR}-01-05`,
      withTechnologyEquity: true,
      paidInCashCapitalFen: 30_000_000_00,
      source: { kind: 'document', name: '营业执照及验资报告', certificateNumber: '农验字〔2026〕3号', issuedOn: `${YEAR}-01-05` },
    };
    const founding = await call('put', 'nongan_center', `/organizations/${ids.founded}/founding`, record);
    expect([founding.status, founding.body.founding.withTechnologyEquity]).toEqual([200, true]);
    // The county centre cannot confirm a founding outside its county, nor a member its own firm's.
    expect((await call('put', 'nongan_center', `/organizations/${ids.zjFirm}/founding`, record)).status).toBe(404);
    expect((await call('put', 'nongan_enterprise', `/organizations/${ids.nonganFirm}/founding`, record)).status).toBe(403);
    // A firm located outside the province, registered with the province: confirmed by the province.
    expect((await call('put', 'province_admin', `/organizations/${ids.zjFirm}/founding`, record)).status).toBe(200);

    const paid = await decision(await register(ids.founded));
    expect([paid.eligible, paid.amountFen]).toEqual([true, 300_000_00]);
    expect(paid.reasons.map((r) => r.text)).toContain(`“农安县光电技术入股新设企业有限公司”于 ${YEAR}-01-05 以技术成果作价入股设立`);
    // Once per founded firm: a second equity contract for the same firm does not pay again.
    const again = await decision(await register(ids.founded));
    expect([again.eligible, again.amountFen]).toEqual([false, 0]);
    expect(again.reasons.at(-1)!.text).toBe('该主体已就其他事项享受过本项补助，本项补助每户仅享受一次');

    // A firm located in Zhejiang is not a 省内企业, whatever tenant it is registered under.
    const outside = await decision(await register(ids.zjFirm));
    expect(outside.reasons.filter((r) => !r.ok).map((r) => r.text)).toEqual(['“杭州吉浙合作科技有限公司”不是省内企业']);

    // The stored event carries each status's source and the founding facts, as they were that day.
    const event = async (buyerId: string) =>
      (
        await env.db.query(`SELECT facts FROM policy_event WHERE facts->'contract'->'buyer'->>'id' = $1 ORDER BY received_at LIMIT 1`, [
          buyerId,
        ])
      ).rows[0].facts.contract.buyer;
    expect(await event(ids.founded)).toMatchObject({
      divisionCode: '220122',
      inProvince: true,
      statusSources: { isSme: null, isSpecialized: null, isHighTech: null },
      founding: {
        foundedOn: `${YEAR}-01-05`,
        withTechnologyEquity: true,
        paidInCashCapitalFen: 30_000_000_00,
        confirmed: true,
        source: { kind: 'document', name: '营业执照及验资报告', certificateNumber: '农验字〔2026〕3号', confirmedOn: chinaDay(0) },
      },
    });
    expect(await event(ids.zjFirm)).toMatchObject({ divisionCode: '330106', inProvince: false });

    // A buyer whose certificate expired is not high-tech on the event, and its source says why; the imported list is named.
    const cc = await register(ids.ccFirm);
    await decision(cc);
    const ccBuyer = await event(ids.ccFirm);
    expect(ccBuyer).toMatchObject({
      isHighTech: false,
      isSpecialized: true,
      isSme: true,
      statusSources: {
        isHighTech: { kind: 'certificate', certificateNumber: 'GR202322000999', validUntil: chinaDay(-1), value: true, expired: true },
        isSpecialized: { kind: 'import', name: '2026年吉林省专精特新中小企业名单', expired: false },
        isSme: { kind: 'certificate', name: '高新技术企业证书', confirmedOn: chinaDay(0) },
      },
    });
  });

  it('documents the new routes in the OpenAPI description', async () => {
    const doc = await env.http().get('/api/docs-json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/organizations/{id}/statuses/{status}',
        '/organizations/{id}/founding',
        '/organizations/{id}/fact-requests',
        '/organizations/status-imports',
        '/organization-fact-requests',
        '/organization-fact-requests/{id}',
        '/organization-fact-requests/{id}/confirm',
        '/organization-fact-requests/{id}/reject',
      ]),
    );
    expect(doc.body.components.schemas.OrganizationView.properties).toHaveProperty('statuses');
  });

  it('gives organisations that existed before the change their tenant’s division (the migration)', async () => {
    const db = await createSuiteDatabase();
    const ds = await new DataSource(dataSourceOptions(db.url, allMigrations, allEntities)).initialize();
    try {
      const qr = ds.createQueryRunner();
      const migration = new OrganizationFacts1795839485676();
      await migration.down(qr);
      await qr.query(
        `INSERT INTO organization (tenant_id, name, type) SELECT id, '迁移前的企业', 'enterprise' FROM tenant WHERE code = '220211'`,
      );
      await migration.up(qr);
      const rows = await qr.query(`SELECT division_code FROM organization WHERE name IN ('迁移前的企业', '吉林大学') ORDER BY name`);
      expect(rows.map((r: { division_code: string }) => r.division_code)).toEqual(['220104', '220211']);
      await qr.release();
    } finally {
      await ds.destroy();
      await db.drop();
    }
  });
});
