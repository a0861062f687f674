import { decodeSpreadsheetText } from '@techmarket/core/module-api';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** A file-level problem (encoding, sheet, header, size), reported in Chinese. */
export class ImportFileError extends Error {}

export type Cell = string | number | boolean | Date | null;
export interface Table {
  headers: string[];
  /** Data rows; row i is spreadsheet row i + 2 (after the header). */
  rows: Cell[][];
}

export const MAX_ROWS = 200_000;

/**
 * Decodes a CSV the way spreadsheets in China save it: UTF-8 (with or without BOM), UTF-16
 * with BOM, or GB18030/GBK (Excel's "CSV" on a Chinese Windows). Anything else is refused
 * rather than imported as mojibake.
 */
export function decodeCsv(buf: Buffer): string {
  const text = decodeSpreadsheetText(buf);
  if (text === null) {
    throw new ImportFileError('文件编码无法识别：请将表格另存为“CSV UTF-8”或 GBK 编码的 CSV，或直接上传 xlsx 文件');
  }
  return text;
}

export async function readTable(buf: Buffer, fileName: string, sheetName: string): Promise<Table> {
  const lower = fileName.toLowerCase();
  let rows: Cell[][];
  if (lower.endsWith('.xlsx')) rows = await readXlsx(buf, sheetName);
  else if (lower.endsWith('.csv')) {
    const text = decodeCsv(buf);
    try {
      rows = parse(text, { relax_column_count: true, skip_empty_lines: true, bom: true }) as string[][];
    } catch (e) {
      throw new ImportFileError(`CSV 格式错误：${(e as Error).message}`);
    }
  } else throw new ImportFileError('只支持 .xlsx 和 .csv 文件');
  const nonEmpty = rows.filter((r) => r.some((c) => c !== null && String(c).trim() !== ''));
  if (!nonEmpty.length) throw new ImportFileError('文件为空：没有表头');
  const [header, ...data] = nonEmpty;
  if (!data.length) throw new ImportFileError('文件没有数据行（只有表头）');
  if (data.length > MAX_ROWS) throw new ImportFileError(`文件有 ${data.length} 行，超过单次导入上限 ${MAX_ROWS} 行，请拆分后导入`);
  return { headers: header.map((h) => String(h ?? '').trim()), rows: data };
}

async function readXlsx(buf: Buffer, sheetName: string): Promise<Cell[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError('无法读取 xlsx 文件：文件已损坏或不是 Excel 2007 及以上格式');
  }
  // The sheet named for the kind, else the only sheet; a workbook with other sheets only is refused.
  const sheet = wb.getWorksheet(sheetName) ?? (wb.worksheets.length === 1 ? wb.worksheets[0] : undefined);
  if (!sheet) {
    throw new ImportFileError(`未找到工作表“${sheetName}”（文件中的工作表：${wb.worksheets.map((w) => w.name).join('、')}）`);
  }
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push(values.map(cellValue));
  });
  return rows;
}

function cellValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  const o = v as { richText?: { text: string }[]; text?: string; result?: unknown; hyperlink?: string };
  if (o.richText) return o.richText.map((r) => r.text).join('');
  if (o.result !== undefined) return cellValue(o.result);
  if (o.text !== undefined) return o.text;
  return String(v);
}
