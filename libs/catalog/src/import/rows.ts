import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { fieldErrorMessage, flattenValidationErrors, ProblemException } from '@techmarket/core';
import { codeOf } from '../catalog.constants.js';
import { CreateAchievement } from '../dto/achievement.dto.js';
import { CreateDemand } from '../dto/demand.dto.js';
import { CreatePatent } from '../dto/patent.dto.js';
import type { ImportKind, ImportRowError } from '../entities/catalog-import.entity.js';
import type { CellType, ColumnSpec } from './columns.js';
import { IMPORT_COLUMNS } from './columns.js';
import { type Cell, ImportFileError, type Table } from './read-file.js';

/** One parsed spreadsheet row: its number and the values keyed by DTO property. */
export interface ParsedRow {
  row: number;
  values: Record<string, unknown>;
}

const DTO: Record<ImportKind, new () => object> = { achievement: CreateAchievement, patent: CreatePatent, demand: CreateDemand };
/** Columns that are resolved against the database later, not validated by the DTO. */
export const REFERENCE_PROPERTIES = new Set(['organizationName', 'patentNumbers']);

class CellError extends Error {}

function readCell(v: Cell, type: CellType): unknown {
  if (v === null || (typeof v === 'string' && v.trim() === '')) return undefined;
  const s = typeof v === 'string' ? v.trim() : v;
  switch (type.t) {
    case 'text':
      return s instanceof Date ? s.toISOString().slice(0, 10) : String(s);
    case 'int': {
      const n = typeof s === 'number' ? s : Number(String(s).replace(/,/g, ''));
      if (!Number.isInteger(n)) throw new CellError('必须是整数');
      return n;
    }
    case 'money': {
      const str =
        typeof s === 'number'
          ? String(s)
          : String(s)
              .replace(/[,，\s]/g, '')
              .replace(/元$/, '');
      if (!/^\d+(\.\d{1,2})?$/.test(str)) throw new CellError('必须是金额（元），最多两位小数');
      return Math.round(Number(str) * 100);
    }
    case 'bool': {
      const str = String(s).trim().toLowerCase();
      if (['是', 'true', '1', 'y', 'yes'].includes(str)) return true;
      if (['否', 'false', '0', 'n', 'no'].includes(str)) return false;
      throw new CellError('请填写“是”或“否”');
    }
    case 'date': {
      if (s instanceof Date) return s.toISOString().slice(0, 10);
      const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(String(s));
      if (!m) throw new CellError('必须是日期，如 2026-06-30');
      const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
      if (Number.isNaN(Date.parse(iso)) || new Date(iso).toISOString().slice(0, 10) !== iso) throw new CellError('不是有效的日期');
      return iso;
    }
    case 'list':
      return splitList(String(s));
    case 'vocab': {
      const items = type.multi ? splitList(String(s)) : [String(s)];
      const codes = items.map((item) => {
        const code = codeOf(type.vocab, item, type.aliases);
        if (!code) throw new CellError(`“${item}”不在可选值中：${Object.values(type.vocab).join('、')}`);
        return code;
      });
      return type.multi ? codes : codes[0];
    }
  }
}

const splitList = (s: string) =>
  s
    .split(/[;；,，、\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Maps header cells to the kind's columns; a missing required column rejects the whole file. */
export function matchColumns(kind: ImportKind, table: Table): (ColumnSpec | null)[] {
  const { sheet, columns } = IMPORT_COLUMNS[kind];
  const mapped = table.headers.map((h) => columns.find((c) => c.header === h || c.property === h) ?? null);
  const missing = columns.filter((c) => c.required && !mapped.includes(c)).map((c) => c.header);
  if (missing.length) {
    throw new ImportFileError(`缺少必填列：${missing.join('、')}。请使用“${sheet}”导入模板（可先导出一份作为模板）`);
  }
  return mapped;
}

/**
 * Reads and validates every row with the same DTO rules as the API, so a row that imports
 * is exactly a row the API would accept. Errors name the spreadsheet column, in Chinese.
 */
export async function parseRows(kind: ImportKind, table: Table): Promise<{ rows: ParsedRow[]; errors: ImportRowError[] }> {
  const specs = matchColumns(kind, table);
  const headerOf = (property: string) => IMPORT_COLUMNS[kind].columns.find((c) => c.property === property)?.header ?? property;
  const rows: ParsedRow[] = [];
  const errors: ImportRowError[] = [];
  for (let i = 0; i < table.rows.length; i++) {
    const rowNumber = i + 2;
    const cells = table.rows[i];
    if (cells.every((c) => c === null || String(c).trim() === '')) continue;
    const values: Record<string, unknown> = {};
    let bad = false;
    specs.forEach((spec, j) => {
      if (!spec) return;
      try {
        const v = readCell(cells[j] ?? null, spec.type);
        if (v === undefined && spec.required) throw new CellError('必填');
        if (v !== undefined) values[spec.property] = v;
      } catch (e) {
        if (!(e instanceof CellError)) throw e;
        errors.push({ row: rowNumber, column: spec.header, message: e.message });
        bad = true;
      }
    });
    if (bad) continue;
    const dtoValues = Object.fromEntries(Object.entries(values).filter(([k]) => !REFERENCE_PROPERTIES.has(k)));
    const dto = plainToInstance(DTO[kind], dtoValues);
    const failures = flattenValidationErrors(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }));
    for (const f of failures)
      errors.push({ row: rowNumber, column: headerOf(f.field.split(/[.[]/)[0]), message: fieldErrorMessage(f.code, f.args) });
    if (!failures.length) rows.push({ row: rowNumber, values });
  }
  return { rows, errors };
}

/** Turns a domain check's ProblemException (e.g. TRL outside the maturity range) into row errors. */
export function domainErrors(kind: ImportKind, row: number, e: unknown): ImportRowError[] {
  if (!(e instanceof ProblemException) || !e.fieldErrors.length) throw e;
  const headerOf = (property: string) => IMPORT_COLUMNS[kind].columns.find((c) => c.property === property)?.header ?? property;
  return e.fieldErrors.map((f) => ({ row, column: headerOf(f.field), message: fieldErrorMessage(f.code, f.args) }));
}
