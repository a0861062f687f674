import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { type FieldError, ProblemException } from '../http/problem.exception.js';
import { isCreditCode } from '../http/validators.js';
import { decodeSpreadsheetText } from '../files/decode-text.js';

/** An official list is at most a few thousand firms; more is a mistake or another kind of file. */
export const MAX_LIST_ROWS = 20_000;

type Cell = string | number | boolean | Date | null;

/** One row of an official list (名单), as read: the firm by credit code or name, and its own certificate data. */
export interface ListRow {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  creditCode: string | null;
  name: string | null;
  certificateNumber: string | null;
  issuedOn: string | null;
  validUntil: string | null;
}

/** Header names accepted for each column (the ministries' lists use several). */
const COLUMNS: Record<Exclude<keyof ListRow, 'row'>, string[]> = {
  creditCode: ['统一社会信用代码', '社会信用代码', '信用代码'],
  name: ['机构名称', '企业名称', '单位名称', '名称'],
  certificateNumber: ['证书编号', '证书号'],
  issuedOn: ['发证日期', '认定日期', '发布日期'],
  validUntil: ['有效期至', '有效期截止日期', '有效期截止'],
};

/**
 * Reads an official list (CSV in UTF-8 / UTF-16 / GBK, or XLSX: the first sheet) into rows, with
 * one error per bad cell (field `rows[N].column`, messages from the catalogue). A file that
 * cannot be read at all is a 400 naming `file`.
 */
export async function readStatusList(buf: Buffer, fileName: string): Promise<{ rows: ListRow[]; errors: FieldError[] }> {
  const table = await readCells(buf, fileName);
  const nonEmpty = table
    .map((cells, i) => ({ cells, row: i + 1 }))
    .filter(({ cells }) => cells.some((c) => c !== null && String(c).trim() !== ''));
  const [header, ...data] = nonEmpty;
  if (!header || !data.length) throw ProblemException.invalidField('file', 'fileNoRows');
  if (data.length > MAX_LIST_ROWS) throw ProblemException.invalidField('file', 'fileTooManyRows', [MAX_LIST_ROWS]);
  const names = header.cells.map((h) => String(h ?? '').trim());
  const index = Object.fromEntries(
    Object.entries(COLUMNS).map(([key, aliases]) => [key, names.findIndex((n) => aliases.includes(n))]),
  ) as Record<keyof typeof COLUMNS, number>;
  if (index.creditCode < 0 && index.name < 0) throw ProblemException.invalidField('file', 'fileMissingColumn', [names.join('、')]);

  const errors: FieldError[] = [];
  const rows: ListRow[] = [];
  for (const { cells, row } of data) {
    const text = (key: keyof typeof COLUMNS): string | null => {
      const v = index[key] >= 0 ? cells[index[key]] : null;
      if (v === null || v === undefined) return null;
      const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim();
      return s === '' ? null : s;
    };
    const creditCode = text('creditCode')?.toUpperCase() ?? null;
    const name = text('name');
    if (!creditCode && !name) {
      errors.push({ field: `rows[${row}]`, code: 'rowMissingKey', args: [row] });
      continue;
    }
    if (creditCode && !isCreditCode(creditCode))
      errors.push({ field: `rows[${row}].creditCode`, code: 'rowInvalidCreditCode', args: [row, creditCode] });
    if (name && name.length > 128) errors.push({ field: `rows[${row}].name`, code: 'rowTooLong', args: [row, name.slice(0, 20), 128] });
    const certificateNumber = text('certificateNumber');
    if (certificateNumber && certificateNumber.length > 64)
      errors.push({ field: `rows[${row}].certificateNumber`, code: 'rowTooLong', args: [row, certificateNumber.slice(0, 20), 64] });
    const date = (key: 'issuedOn' | 'validUntil'): string | null => {
      const v = index[key] >= 0 ? cells[index[key]] : null;
      if (v === null || v === undefined || String(v).trim() === '') return null;
      const iso = toIsoDate(v);
      if (!iso) errors.push({ field: `rows[${row}].${key}`, code: 'rowInvalidDate', args: [row, String(v).trim()] });
      return iso;
    };
    rows.push({ row, creditCode, name, certificateNumber, issuedOn: date('issuedOn'), validUntil: date('validUntil') });
  }
  return { rows, errors };
}

/** `2026-06-30`, `2026/6/30`, `2026.6.30`, `2026年6月30日`, or a spreadsheet date cell. */
function toIsoDate(v: Cell): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(String(v).trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

async function readCells(buf: Buffer, fileName: string): Promise<Cell[][]> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
    } catch {
      throw ProblemException.invalidField('file', 'fileUnreadable');
    }
    const sheet = wb.worksheets[0];
    if (!sheet) throw ProblemException.invalidField('file', 'fileNoRows');
    const rows: Cell[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1).map(cellValue)));
    return rows;
  }
  if (lower.endsWith('.csv')) {
    try {
      return parse(decodeText(buf), { relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
    } catch {
      throw ProblemException.invalidField('file', 'fileUnreadable');
    }
  }
  throw ProblemException.invalidField('file', 'fileType');
}

function decodeText(buf: Buffer): string {
  const text = decodeSpreadsheetText(buf);
  if (text === null) throw ProblemException.invalidField('file', 'fileUnreadable');
  return text;
}

function cellValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  const o = v as { richText?: { text: string }[]; text?: string; result?: unknown };
  if (o.richText) return o.richText.map((r) => r.text).join('');
  if (o.result !== undefined) return cellValue(o.result);
  if (o.text !== undefined) return o.text;
  return String(v);
}
