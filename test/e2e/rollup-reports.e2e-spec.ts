import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { checkDigit } from '../../libs/catalog/src/patent-number.js';
import { until } from '../support/poll.js';
import { SETUP_TIMEOUT_MS, snapshot, type TestEnv, useSharedApi } from '../support/test-app.js';

const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const YEAR = TODAY.slice(0, 4);
const MONTH = TODAY.slice(0, 7);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 定期通报 (periodic reports): on a small fixture of two registered contracts, the workbook is
 * read back cell by cell (values and number formats), the printable page carries the same figures
 * escaped, the tenant's admin receives the workbook by mail, and the routes follow the tenant tree.
 *
 * Fixture (this month, China time): 吉林大学 (220104, 高校院所) sells a patent to an SME of 农安县
 * (220122) for 1,234,567.89 元, 100,000.00 元 of it received and confirmed; a firm of 南关区
 * (220102) gives a consultancy to a large firm of 昌邑区 (220202, 吉林市) for 50,000.00 元
 * (技术交易额 40,000.00 元). Both are registered in 长春市's subtree.
 */
describe('roll-up periodic reports (定期通报)', () => {
  let env: TestEnv;
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
  const buffer = async (user: string, path: string) => {
    const res = await env
      .http()
      .get(path)
      .set(await env.as(user))
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      });
    return res;
  };
  const workbook = async (file: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as never);
    return wb;
  };
  /** Asks for a report and waits until the worker has made it. */
  const made = async (user: string, period: string) => {
    const r = await ok('post', user, '/rollup/reports', { period }, 202);
    expect(r.status).toBe('pending');
    return until(`report ${r.id} done`, async () => {
      const list = await ok('get', user, `/rollup/reports?tenantCode=${r.tenant.code}`);
      const mine = list.items.find((x: { id: string }) => x.id === r.id);
      expect(mine?.status).not.toBe('failed');
      return mine?.status === 'done' ? mine : null;
    });
  };

  let cityReport: { id: string; mailedTo: string[] };

  beforeAll(async () => {
    env = await useSharedApi();
    const org = async (tenantCode: string, key: string, statuses: string[] = []) => {
      const o = await ok('post', 'province_admin', '/organizations', { tenantCode, name: `通报测试企业 ${key}`, type: 'enterprise' });
      for (const s of statuses)
        await ok('put', 'province_admin', `/organizations/${o.id}/statuses/${s}`, {
          value: true,
          source: { kind: 'list', name: '测试名单', issuedOn: `${YEAR}-01-01` },
        });
      return o.id as string;
    };
    const jlu = (await env.db.query(`SELECT id FROM organization WHERE name = '吉林大学'`)).rows[0].id;
    const nongan = await org('220122', 'nongan', ['isSme']);
    const nanguan = await org('220102', 'nanguan');
    const changyi = await org('220202', 'changyi');
    const digits = '202310077777';
    const patent = await ok('post', 'jlu_member', '/patents', {
      applicationNumber: `${digits}.${checkDigit(digits)}`,
      title: '通报测试专利',
      patentType: 'invention',
      legalStatus: 'granted',
      ipcClasses: ['G01D 5/347'],
      field: 'new_materials',
    });
    const register = async (body: object) => {
      const c = await ok('post', 'province_admin', '/contracts', { signedOn: TODAY, ...body });
      await ok('post', 'province_reviewer', `/contracts/${c.id}/register`, {}, 200);
      return c;
    };
    const sale = await register({
      title: '通报测试专利转让',
      contractType: 'transfer',
      subType: 'patent_right',
      sellerOrgId: jlu,
      buyerOrgId: nongan,
      amountFen: 123_456_789,
      techTransactionFen: 123_456_789,
      patentIds: [patent.id],
    });
    const paid = await ok('post', 'province_admin', `/contracts/${sale.id}/payments`, {
      receivedOn: TODAY,
      amountFen: 10_000_000,
      bankReference: 'TB1',
    });
    await ok('post', 'province_reviewer', `/contracts/${sale.id}/payments/${paid.payments[0].id}/confirm`, {}, 200);
    await register({
      title: '通报测试咨询',
      contractType: 'consulting',
      sellerOrgId: nanguan,
      buyerOrgId: changyi,
      amountFen: 5_000_000,
      techTransactionFen: 4_000_000,
    });
    // A target whose source needs escaping in the page.
    await ok(
      'put',
      'province_admin',
      '/rollup/targets',
      { tenantCode: '220100', year: Number(YEAR), kpi: 'contract_turnover', value: 1_000_000_000, source: '<script>测试</script>' },
      200,
    );
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await env.close();
  });

  it('makes 长春市’s monthly report: the workbook read back cell by cell, with number formats', async () => {
    cityReport = await made('changchun_bureau', MONTH);
    expect(cityReport.mailedTo).toEqual(['changchun_bureau@demo.techmarket.cn']);
    const res = await buffer('changchun_bureau', `/rollup/reports/${cityReport.id}.xlsx`);
    expect([res.status, res.headers['content-type']]).toEqual([200, XLSX]);
    const wb = await workbook(res.body);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '总计',
      '按合同类型',
      '按技术领域',
      '按买方类别',
      '按卖方类别',
      '按下级区域',
      '输出吸纳与流向',
      '考核指标',
      '推送活动闭环（按下级区域）',
      '撮合通知闭环（按下级区域）',
    ]);
    const rows = (name: string, from = 2) => {
      const ws = wb.getWorksheet(name)!;
      const out: unknown[][] = [];
      for (let r = from; r <= ws.rowCount; r++) out.push((ws.getRow(r).values as unknown[]).slice(1));
      return out;
    };
    const fmt = (name: string, ref: string) => wb.getWorksheet(name)!.getCell(ref).numFmt;

    // The closed loops (推送活动, 撮合通知) that the campaigns module adds to the roll-up: per county of
    // 长春市 that had any, then 合计 — the sum of the rows above (other suites share this database, so
    // the figures themselves are not fixed here; their sums are).
    for (const [name, headings] of [
      [
        '推送活动闭环（按下级区域）',
        ['区域', '推送（封）', '送达', '退信', '打开', '点击', '表达意向', '促成对接', '签约（项）', '签约金额（元）'],
      ],
      ['撮合通知闭环（按下级区域）', ['区域', '匹配通知（条）', '回应', '促成对接', '签约（项）', '合同金额（元）', '技术交易额（元）']],
    ] as const) {
      const [head, ...body] = rows(name);
      expect(head).toEqual(headings);
      const total = body[body.length - 1];
      expect(total[0]).toBe('合计');
      for (let j = 1; j < headings.length; j++) {
        const sum = body.slice(0, -1).reduce((acc, r) => acc + Number(r[j]), 0);
        expect([name, headings[j], Number(total[j])]).toEqual([name, headings[j], Math.round(sum * 100) / 100]);
      }
      const last = headings.length;
      expect([
        fmt(name, `B${1 + body.length + 1}`),
        wb
          .getWorksheet(name)!
          .getRow(2 + body.length)
          .getCell(last).numFmt,
      ]).toEqual(['#,##0', '#,##0.00']);
    }

    const totals = wb.getWorksheet('总计')!;
    expect(String(totals.getCell('A1').value)).toBe(
      `长春市${Number(YEAR)}年${Number(MONTH.slice(5))}月技术合同登记统计通报（月报） — 总计`,
    );
    expect(rows('总计')).toEqual([
      ['口径', '合同数（项）', '成交额（元）', '技术交易额（元）', '实际到账金额（元）', '涉及专利（件）'],
      ['登记（按登记机构）', 2, 1_284_567.89, 1_274_567.89, 100_000, 1],
      ['技术输出（按卖方）', 2, 1_284_567.89, 1_274_567.89, 100_000, 1],
      ['技术吸纳（按买方）', 1, 1_234_567.89, 1_234_567.89, 100_000, 1],
    ]);
    expect([fmt('总计', 'B3'), fmt('总计', 'C3'), fmt('总计', 'E5')]).toEqual(['#,##0', '#,##0.00', '#,##0.00']);

    const share = 123_456_789 / 128_456_789;
    expect(rows('按合同类型', 3)).toEqual([
      ['登记', '技术转让', 1, 1_234_567.89, 1_234_567.89, 100_000, 1, share],
      ['登记', '技术咨询', 1, 50_000, 40_000, 0, 0, 5_000_000 / 128_456_789],
      ['技术输出', '技术转让', 1, 1_234_567.89, 1_234_567.89, 100_000, 1, share],
      ['技术输出', '技术咨询', 1, 50_000, 40_000, 0, 0, 5_000_000 / 128_456_789],
      ['技术吸纳', '技术转让', 1, 1_234_567.89, 1_234_567.89, 100_000, 1, 1],
    ]);
    expect(fmt('按合同类型', 'H3')).toBe('0.00%');
    expect(rows('按买方类别', 3).map((r) => [r[0], r[1], r[3]])).toEqual([
      ['登记', '中小企业', 1_234_567.89],
      ['登记', '大型企业', 50_000],
      ['技术输出', '中小企业', 1_234_567.89],
      ['技术输出', '大型企业', 50_000],
      ['技术吸纳', '中小企业', 1_234_567.89],
    ]);
    expect(rows('按卖方类别', 3).map((r) => [r[0], r[1], r[2]])).toEqual([
      ['登记', '高校院所', 1],
      ['登记', '企业', 1],
      ['技术输出', '高校院所', 1],
      ['技术输出', '企业', 1],
      ['技术吸纳', '高校院所', 1],
    ]);
    // Every county of 长春市 is listed, with zeros where nothing happened.
    const byChild = rows('按下级区域', 3).filter((r) => r[0] === '登记');
    const counties = (
      await env.db.query(`SELECT count(*)::int AS n FROM tenant WHERE parent_id = (SELECT id FROM tenant WHERE code = '220100')`)
    ).rows[0].n;
    expect(byChild.length).toBe(counties);
    expect(byChild.filter((r) => Number(r[2]) > 0).map((r) => [r[1], r[3]])).toEqual([
      ['南关区（220102）', 50_000],
      ['朝阳区（220104）', 1_234_567.89],
    ]);

    const exchange = rows('输出吸纳与流向', 3);
    const total = exchange.find((r) => String(r[0]).startsWith('合计'))!;
    expect(total).toEqual(['合计：长春市', 2, 1_284_567.89, 1, 1_234_567.89, -50_000]);
    expect(exchange.find((r) => r[0] === '农安县（220122）')).toEqual(['农安县（220122）', 0, 0, 1, 1_234_567.89, 1_234_567.89]);
    const flowsAt = exchange.findIndex((r) => r[0] === '技术输出流向（就地转化）');
    expect(exchange.slice(flowsAt + 1)).toEqual([
      ['本市（州）其他县区', 1, 1_234_567.89, share],
      ['省内其他市（州）', 1, 50_000, 5_000_000 / 128_456_789],
    ]);

    const kpis = rows('考核指标', 3);
    expect(kpis.length).toBe((counties + 1) * 7);
    const kpi = (tenant: string, label: string) => kpis.find((r) => r[0] === tenant && String(r[2]).startsWith(label))!;
    expect(kpi('长春市（220100）', '技术合同成交额')).toEqual([
      '长春市（220100）',
      '市（州）',
      '技术合同成交额（元）',
      1_284_567.89,
      0,
      '—',
      10_000_000,
      Number(MONTH.slice(5)) * 10_000_000 <= 12 * 1_284_567.89 ? '是' : '否',
      '<script>测试</script>',
    ]);
    expect(kpi('长春市（220100）', '中小企业专利转让、许可成交金额').slice(3, 6)).toEqual([1_234_567.89, 0, '—']);
    expect(kpi('农安县（220122）', '中小企业受让、被许可专利数量').slice(3, 5)).toEqual([1, 0]);
    expect(kpi('朝阳区（220104）', '高校院所专利转让、许可实际到账金额').slice(3, 5)).toEqual([100_000, 0]);
  });

  it('serves the same figures as a printable page, every text escaped', async () => {
    const res = await call('get', 'changchun_bureau', `/rollup/reports/${cityReport.id}`);
    expect([res.status, res.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    const html = res.text;
    for (const figure of ['1,284,567.89', '1,274,567.89', '1,234,567.89', '100,000.00', '50,000.00', '-50,000.00', '96.11%', '3.89%'])
      expect([figure, html.includes(figure)]).toEqual([figure, true]);
    expect(html).toContain('<h2>九、推送活动闭环（按下级区域）</h2>');
    expect(html).toContain('<h2>十、撮合通知闭环（按下级区域）</h2>');
    expect(html).toContain('&lt;script&gt;测试&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('mails the workbook to the tenant’s admin as an attachment, the same file as the download', async () => {
    const mail = await until('the report mail', async () =>
      (await env.smtp.messages()).find(
        (m) => m.subject?.startsWith('长春市') && m.subject.includes('统计通报') && JSON.stringify(m.to).includes('changchun_bureau@'),
      ),
    );
    expect(mail.attachments.map((a) => [a.contentType, a.filename?.endsWith('.xlsx')])).toEqual([[XLSX, true]]);
    const download = await buffer('changchun_bureau', `/rollup/reports/${cityReport.id}.xlsx`);
    // The shared mailbox comes over HTTP as JSON: the attachment's bytes as { type: 'Buffer', data }.
    const attached = Buffer.from(mail.attachments[0].content as unknown as { type: 'Buffer'; data: number[] } as never);
    expect(attached.length).toBeGreaterThan(1000);
    expect(attached.equals(download.body)).toBe(true);
    const wb = await workbook(attached);
    expect(wb.getWorksheet('总计')!.getCell('C3').value).toBe(1_284_567.89);
  });

  it('makes the province’s annual report with every tier’s KPIs', async () => {
    const r = await made('province_admin', YEAR);
    const wb = await workbook((await buffer('province_admin', `/rollup/reports/${r.id}.xlsx`)).body);
    const ws = wb.getWorksheet('考核指标')!;
    const tenants = (await env.db.query(`SELECT count(*)::int AS n FROM tenant`)).rows[0].n;
    expect(ws.rowCount - 2).toBe(tenants * 7);
    const tiers = new Set<string>();
    for (let i = 3; i <= ws.rowCount; i++) tiers.add(String(ws.getRow(i).getCell(2).value));
    expect([...tiers]).toEqual(['省', '市（州）', '县（市、区）']);
    const row = (tenant: string) => {
      for (let i = 3; i <= ws.rowCount; i++) if (ws.getRow(i).getCell(1).value === tenant) return ws.getRow(i);
      throw new Error(tenant);
    };
    expect(row('吉林省（220000）').getCell(4).value).toBe(1_284_567.89);
    expect(row('农安县（220122）').getCell(3).value).toBe('技术合同成交额（元）');
    expect(wb.getWorksheet('总计')!.getCell('B5').value).toBe(2); // 技术吸纳: both buyers are in the province
    // The province's own annual report lists the cities as its children.
    expect(wb.getWorksheet('按下级区域')!.getCell('B3').value).toBe('长春市（220100）');
  });

  it('lets a tier admin ask only for its own tenant’s report, reads follow the tree, and a refused request changes nothing', async () => {
    const before = await snapshot(env.db, ['rollup_report', 'audit_log']);
    const refused: [string, string][] = [
      ['changchun_bureau', '220200'], // a sibling city
      ['changchun_bureau', '220122'], // its own county: the county's admin asks for it
      ['changchun_bureau', '220000'],
      ['jilin_city_bureau', '220100'],
      ['fengman_center', '220122'], // a county of another city
      ['nongan_center', '220100'],
      ['changchun_reviewer', '220100'],
      ['jlu_member', '220104'],
      ['nongan_enterprise', '220122'],
    ];
    for (const [user, tenantCode] of refused) {
      const res = await call('post', user, '/rollup/reports', { tenantCode, period: MONTH });
      expect([user, tenantCode, res.status]).toEqual([user, tenantCode, 403]);
    }
    expect(await snapshot(env.db, ['rollup_report', 'audit_log'])).toBe(before);

    const reads: [string, number][] = [
      ['changchun_bureau', 200],
      ['changchun_reviewer', 200],
      ['province_admin', 200],
      ['jilin_city_bureau', 404],
      ['fengman_center', 404],
      ['nongan_center', 404], // a county never reads its city's
      ['jlu_member', 403],
    ];
    for (const [user, status] of reads)
      for (const path of [`/rollup/reports/${cityReport.id}`, `/rollup/reports/${cityReport.id}.xlsx`]) {
        const res = await call('get', user, path);
        expect([user, path, res.status]).toEqual([user, path, status]);
      }
    const listed = await ok('get', 'jilin_city_bureau', '/rollup/reports?tenantCode=220100');
    expect(listed.items).toEqual([]);
    // The county's own admin asks for its own report; its city lists it among its subtree's.
    const county = await made('nongan_center', MONTH);
    const cityList = await ok('get', 'changchun_bureau', '/rollup/reports');
    expect(cityList.items.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining([county.id, cityReport.id]));
    // Each request and its completion are in the audit log.
    const audit = await env.db.query(`SELECT action FROM audit_log WHERE entity_type = 'RollupReport' AND entity_id = $1 ORDER BY id`, [
      cityReport.id,
    ]);
    expect(audit.rows.map((r: { action: string }) => r.action).sort()).toEqual(['create', 'update']);
  });

  it('answers bad periods with 400 naming the field, and stores nothing', async () => {
    const before = await snapshot(env.db, ['rollup_report', 'audit_log']);
    const next = `${Number(YEAR) + 1}`;
    const cases: [object, string][] = [
      [{ period: `${YEAR}-13` }, 'period'],
      [{ period: `${YEAR}-Q1` }, 'period'],
      [{ period: '2025-3' }, 'period'],
      [{ period: next }, 'period'],
      [{ period: `${next}-01` }, 'period'],
      [{}, 'period'],
      [{ period: MONTH, tenantCode: '229999' }, 'tenantCode'],
      [{ period: MONTH, extra: 1 }, 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await call('post', 'changchun_bureau', '/rollup/reports', body);
      expect([body, res.status, res.body.errors?.map((e: { field: string }) => e.field)]).toEqual([body, 400, [field]]);
    }
    const zh = await call('post', 'changchun_bureau', '/rollup/reports', { period: `${YEAR}-13` });
    expect(zh.body.errors[0].message).toMatch(/月份/);
    expect(await snapshot(env.db, ['rollup_report', 'audit_log'])).toBe(before);
    const bad = await call('get', 'changchun_bureau', '/rollup/reports/not-a-uuid');
    expect(bad.status).toBe(400);
  });
});
