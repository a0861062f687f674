import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { checkDigit } from '../../libs/catalog/src/patent-number.js';
import { until } from '../support/poll.js';
import { CATALOG_TABLES, snapshot, SETUP_TIMEOUT_MS, type TestEnv, useSharedApi } from '../support/test-app.js';

const require = createRequire(import.meta.url);
const iconv = require('iconv-lite') as { encode(s: string, enc: string): Buffer };

const HEADER = [
  '外部编号',
  '成果名称',
  '成果简介',
  '产业领域',
  '关键词',
  '成熟度',
  '技术就绪度',
  '转化方式',
  '挂牌价（元）',
  '面议',
  '关联专利申请号',
];
const number = (serial: number) => {
  const digits = `2024100${String(serial).padStart(5, '0')}`;
  return `${digits}.${checkDigit(digits)}`;
};
const row = (id: string, title: string, extra: Partial<Record<string, string | number>> = {}) => {
  const r: Record<string, string | number> = {
    外部编号: id,
    成果名称: title,
    成果简介: `${title}的成果简介`,
    产业领域: '新材料',
    关键词: '复合材料；轻量化',
    成熟度: '中试',
    技术就绪度: 6,
    转化方式: '许可、转让',
    '挂牌价（元）': '1,200,000.50',
    面议: '否',
    关联专利申请号: '',
    ...extra,
  };
  return HEADER.map((h) => r[h] ?? '');
};
const csv = (rows: (string | number)[][], header = HEADER) =>
  [header, ...rows]
    .map((r) => r.map((c) => (/[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(','))
    .join('\r\n');

async function xlsx(sheets: Record<string, (string | number)[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((r) => ws.addRow(r));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface ImportView {
  id: string;
  status: string;
  totalRows: number;
  processedRows: number;
  insertedRows: number;
  updatedRows: number;
  errorCount: number;
  errors: { row: number; column: string | null; message: string }[];
}

/**
 * Spreadsheet import and export (批量导入导出): broken files change nothing when the user
 * chose all-or-nothing, errors come back per row and column in Chinese, re-imports update
 * instead of duplicating, and an export imports back unchanged.
 */
describe('catalog import and export', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await useSharedApi();
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await env.close();
  });

  const upload = async (user: string, file: Buffer, name: string, query: Record<string, string>) =>
    env
      .http()
      .post('/imports')
      .query(query)
      .set(await env.as(user))
      .attach('file', file, name);

  /** Uploads and waits for the background job (BullMQ) to finish. */
  const runImport = async (user: string, file: Buffer, name: string, query: Record<string, string> = {}): Promise<ImportView> => {
    const res = await upload(user, file, name, { kind: 'achievement', ...query });
    expect([res.status, res.body.status]).toEqual([201, 'queued']);
    return until(
      `import ${res.body.id} to finish`,
      async () => {
        const poll = await env
          .http()
          .get(`/imports/${res.body.id}`)
          .set(await env.as(user));
        return ['queued', 'running'].includes(poll.body.status) ? null : (poll.body as ImportView);
      },
      170_000,
    );
  };
  const catalogSnapshot = () => snapshot(env.db, CATALOG_TABLES);
  const count = async (table: string) => (await env.db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

  it('imports patents from a GBK-encoded CSV (as Excel saves it on Chinese Windows)', async () => {
    const text = csv(
      [
        [number(1), '一种碳纤维复合材料的制备方法', '发明', '有效', '2024/5/20', 'C08J 5/04', '新材料'],
        [number(2), '一种秸秆还田装置', '发明', '审中', '', 'A01B 49/02', '现代农业'],
      ],
      ['申请号', '专利名称', '专利类型', '法律状态', '授权日', 'IPC分类号', '产业领域'],
    );
    const done = await runImport('jlu_member', iconv.encode(text, 'gbk'), '专利.csv', { kind: 'patent' });
    expect(done).toMatchObject({ status: 'completed', insertedRows: 2, errorCount: 0, totalRows: 2, processedRows: 2 });
    const { rows } = await env.db.query(`SELECT title, grant_date::text AS grant_date, field FROM patent WHERE application_number = $1`, [
      number(1),
    ]);
    expect(rows[0]).toEqual({ title: '一种碳纤维复合材料的制备方法', grant_date: '2024-05-20', field: 'new_materials' });
  });

  it('imports achievements from XLSX, linking patents, and updates by external id on re-import', async () => {
    const file = await xlsx({
      科技成果: [
        HEADER,
        row('JLU-001', '碳纤维复合材料低成本制备', { 关联专利申请号: number(1) }),
        row('JLU-002', '稀土发光材料'),
        row('JLU-003', '玄武岩纤维'),
      ],
    });
    const first = await runImport('jlu_member', file, '成果.xlsx');
    expect(first).toMatchObject({ status: 'completed', insertedRows: 3, updatedRows: 0, errorCount: 0 });
    const { rows } = await env.db.query(
      `SELECT a.price_fen, a.transfer_modes, a.keywords, a.status, (SELECT count(*)::int FROM achievement_patent ap WHERE ap.achievement_id = a.id) AS patents
         FROM achievement a WHERE external_id = 'JLU-001'`,
    );
    expect(rows[0]).toEqual({
      price_fen: '120000050',
      transfer_modes: ['licence', 'transfer'],
      keywords: ['复合材料', '轻量化'],
      status: 'draft',
      patents: 1,
    });
    const before = await count('achievement');
    const again = await runImport('jlu_member', file, '成果.xlsx');
    expect(again).toMatchObject({ status: 'completed', insertedRows: 0, updatedRows: 3 });
    expect(await count('achievement')).toBe(before);
    // Imported drafts are searchable by their owner.
    const found = await env
      .http()
      .get('/achievements')
      .query({ q: '玄武岩', status: 'draft' })
      .set(await env.as('jlu_member'));
    expect(found.body.items.map((i: { externalId: string }) => i.externalId)).toEqual(['JLU-003']);
  });

  it('round-trips: an export imports back with nothing inserted and nothing changed', async () => {
    const columns = `external_id, title, summary, field, keywords, maturity, trl, transfer_modes, price_fen, price_negotiable,
      (SELECT array_agg(patent_id ORDER BY patent_id) FROM achievement_patent ap WHERE ap.achievement_id = a.id) AS patents`;
    const state = async () =>
      (await env.db.query(`SELECT ${columns} FROM achievement a WHERE external_id LIKE 'JLU-%' ORDER BY external_id`)).rows;
    const before = await state();
    const exported = await env
      .http()
      .get('/exports/achievements.xlsx')
      .query({ status: 'draft' })
      .set(await env.as('jlu_member'))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    const back = await runImport('jlu_member', exported.body as Buffer, 'export.xlsx');
    expect(back).toMatchObject({ status: 'completed', insertedRows: 0, updatedRows: 3, errorCount: 0 });
    expect(await state()).toEqual(before);
  });

  it('rejects a file with bad rows, naming row and column in Chinese, and stores nothing', async () => {
    const before = await catalogSnapshot();
    const file = await xlsx({
      科技成果: [
        HEADER,
        row('BAD-1', '正常的一行'),
        row('BAD-2', '领域错误', { 产业领域: '区块链' }),
        row('BAD-3', '就绪度不符', { 技术就绪度: 9 }),
        row('BAD-4', '', { '挂牌价（元）': '十万' }),
      ],
    });
    const done = await runImport('jlu_member', file, 'bad.xlsx', { mode: 'all_or_nothing' });
    expect(done.status).toBe('rejected');
    expect(done.insertedRows).toBe(0);
    expect(done.errors).toEqual([
      { row: 3, column: '产业领域', message: expect.stringContaining('“区块链”不在可选值中') },
      { row: 4, column: '技术就绪度', message: '与成熟度不符，应在 6–7 之间' },
      { row: 5, column: '成果名称', message: '必填' },
      { row: 5, column: '挂牌价（元）', message: '必须是金额（元），最多两位小数' },
    ]);
    expect(await catalogSnapshot()).toBe(before);
  });

  it('imports only the valid rows when asked to skip invalid ones', async () => {
    const file = csv([
      row('SKIP-1', '秸秆生物降解地膜', { 产业领域: '现代农业' }),
      row('SKIP-2', '', {}),
      row('SKIP-3', '人参皂苷提取', { 产业领域: '医药健康' }),
    ]);
    const done = await runImport('jlu_member', Buffer.from(`\uFEFF${file}`), 'skip.csv', { mode: 'skip_invalid' });
    expect(done).toMatchObject({ status: 'completed', insertedRows: 2, errorCount: 1 });
    expect(done.errors).toEqual([{ row: 3, column: '成果名称', message: '必填' }]);
    const { rows } = await env.db.query(`SELECT field FROM achievement WHERE external_id = 'SKIP-3'`);
    expect(rows[0].field).toBe('biomedicine');
  });

  it.each([
    [
      'bad encoding',
      () => Promise.resolve(Buffer.from([0x81, 0x30, 0xff, 0x00, 0xfe, 0x01, 0x02, 0x80, 0x81, 0x82])),
      'x.csv',
      '文件编码无法识别',
    ],
    ['wrong sheet', () => xlsx({ Sheet1: [HEADER, row('W-1', '错表')], 说明: [['填写说明']] }), 'x.xlsx', '未找到工作表“科技成果”'],
    [
      'missing columns',
      () => Promise.resolve(Buffer.from(csv([['X-1', '缺列']], ['外部编号', '成果名称']))),
      'x.csv',
      '缺少必填列：成果简介、产业领域、成熟度、转化方式',
    ],
    ['0 rows', () => Promise.resolve(Buffer.from(csv([]))), 'x.csv', '没有数据行'],
    ['not a spreadsheet', () => Promise.resolve(Buffer.from('PK\u0003\u0004 broken zip')), 'x.xlsx', '无法读取 xlsx 文件'],
    ['wrong type', () => Promise.resolve(Buffer.from('hello')), 'x.txt', '只支持 .xlsx 和 .csv'],
  ])('rejects a file with %s and stores nothing', async (_label, make, name, message) => {
    const before = await catalogSnapshot();
    const done = await runImport('jlu_member', await make(), name);
    expect(done.status).toBe('rejected');
    expect(done.errors[0].message).toContain(message);
    expect(await catalogSnapshot()).toBe(before);
  });

  it('rejects a 100,000-row file whose last row is bad, as a background job, storing nothing', async () => {
    const before = await catalogSnapshot();
    const rows = Array.from({ length: 100_000 }, (_, i) => row(`BIG-${i}`, `大批量成果${i}`));
    rows[99_999] = row('BIG-LAST', '最后一行', { 成熟度: '量产' });
    const done = await runImport('jlu_member', Buffer.from(csv(rows)), 'big.csv');
    expect(done).toMatchObject({ status: 'rejected', totalRows: 100_000, processedRows: 100_000, errorCount: 1, insertedRows: 0 });
    expect(done.errors[0]).toEqual({ row: 100_001, column: '成熟度', message: expect.stringContaining('“量产”不在可选值中') });
    expect(await catalogSnapshot()).toBe(before);
  }, 180_000);

  it('lets a county centre import demands for the enterprises of its county', async () => {
    const header = [
      '外部编号',
      '需求名称',
      '需求描述',
      '产业领域',
      '需求企业',
      '预算下限（元）',
      '预算上限（元）',
      '截止日期',
      '揭榜挂帅',
      '揭榜奖励（元）',
    ];
    const file = csv(
      [
        [
          'NA-1',
          '玉米秸秆饲料化技术',
          '提高青贮饲料消化率',
          '现代农业',
          '农安县禾丰农业科技有限公司（演示）',
          '100000',
          '500000',
          '2027-06-30',
          '是',
          '300000',
        ],
        ['NA-2', '预算颠倒', '下限大于上限', '现代农业', '农安县禾丰农业科技有限公司（演示）', '500000', '100000', '', '否', ''],
        ['NA-3', '不在本县', '企业在吉林市', '新材料', '吉林市丰满新材料有限公司（演示）', '', '', '', '否', ''],
        ['NA-4', '揭榜无奖励', '缺奖励金额', '现代农业', '农安县禾丰农业科技有限公司（演示）', '', '', '', '是', ''],
      ],
      header,
    );
    const done = await runImport('nongan_center', Buffer.from(file), '需求.csv', { kind: 'demand', mode: 'skip_invalid' });
    expect(done).toMatchObject({ status: 'completed', insertedRows: 1, errorCount: 3 });
    expect(done.errors).toEqual([
      { row: 3, column: '预算下限（元）', message: '下限不能大于上限' },
      { row: 4, column: '需求企业', message: expect.stringContaining('不在您的管辖范围内') },
      { row: 5, column: '揭榜奖励（元）', message: '在揭榜挂帅时必填' },
    ]);
    const { rows } = await env.db.query(
      `SELECT d.reward_fen, d.is_open_call, t.code FROM demand d JOIN tenant t ON t.id = d.tenant_id WHERE external_id = 'NA-1'`,
    );
    expect(rows[0]).toEqual({ reward_fen: '30000000', is_open_call: true, code: '220122' });
  });

  it('keeps imports within the tenant tree', async () => {
    const file = Buffer.from(csv([row('X-1', '越权导入')]));
    const mine = await upload('jlu_member', file, 'x.csv', { kind: 'achievement' });
    expect(
      (
        await env
          .http()
          .get(`/imports/${mine.body.id}`)
          .set(await env.as('jilin_city_bureau'))
      ).status,
    ).toBe(404);
    const fengman = (await env.db.query(`SELECT id FROM organization WHERE name = '吉林市丰满新材料有限公司（演示）'`)).rows[0].id;
    const other = await upload('nongan_center', file, 'x.csv', { kind: 'achievement', organizationId: fengman });
    expect([other.status, other.body.errors[0].field]).toEqual([400, 'organizationId']);
    // A county centre naming an organisation outside its county in the 所属机构 column gets a row error.
    const before = await catalogSnapshot();
    const named = await runImport(
      'nongan_center',
      Buffer.from(csv([[...row('X-2', '越权'), '吉林市丰满新材料有限公司（演示）']], [...HEADER, '所属机构'])),
      'x.csv',
    );
    expect(named.status).toBe('rejected');
    expect(named.errors[0]).toMatchObject({ row: 2, column: '所属机构' });
    expect(await catalogSnapshot()).toBe(before);
    const noFile = await env
      .http()
      .post('/imports')
      .query({ kind: 'achievement' })
      .set(await env.as('jlu_member'))
      .send({});
    expect([noFile.status, noFile.body.errors?.[0]?.field]).toEqual([400, 'file']);
  });
});
