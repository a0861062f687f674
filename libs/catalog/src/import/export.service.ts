import { Inject, Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { CatalogService, type SearchRequest } from '../catalog.service.js';
import type { ImportKind } from '../entities/catalog-import.entity.js';
import { IMPORT_COLUMNS } from './columns.js';

export const MAX_EXPORT_ROWS = 100_000;

/**
 * 导出: any filtered list as XLSX in the import layout (same sheet name, same headers, labels
 * instead of codes, money in 元), so an export is also a template and imports back unchanged.
 * Pages through the same search the list uses, so the caller sees exactly what they may read.
 */
@Injectable()
export class CatalogExportService {
  constructor(@Inject(CatalogService) private readonly catalog: CatalogService) {}

  async xlsx(kind: ImportKind, criteria: SearchRequest): Promise<PassThrough> {
    const { sheet, columns } = IMPORT_COLUMNS[kind];
    const out = new PassThrough();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const ws = wb.addWorksheet(sheet);
    ws.addRow(columns.map((c) => c.header)).commit();
    // The first page is read before streaming starts, so a bad filter still gets a clean 4xx.
    let page = await this.catalog.search(kind, {
      ...criteria,
      q: criteria.q,
      limit: 200,
      cursor: undefined,
      sort: criteria.q ? 'relevance' : 'newest',
    });
    void (async () => {
      try {
        let written = 0;
        for (;;) {
          const ids = page.items.map((i) => String((i as Record<string, unknown>).id));
          const patentNumbers = kind === 'achievement' ? await this.catalog.linkedPatentNumbers(ids) : new Map<string, string[]>();
          for (const item of page.items as Record<string, unknown>[]) {
            const values: Record<string, unknown> = { ...item, patentNumbers: patentNumbers.get(String(item.id)) ?? [] };
            ws.addRow(columns.map((c) => toCell(c.type, values[c.property]))).commit();
          }
          written += page.items.length;
          if (!page.nextCursor || written >= MAX_EXPORT_ROWS) break;
          page = await this.catalog.search(kind, {
            ...criteria,
            limit: 200,
            cursor: page.nextCursor,
            sort: criteria.q ? 'relevance' : 'newest',
          });
        }
        ws.commit();
        await wb.commit();
      } catch (e) {
        out.destroy(e as Error);
      }
    })();
    return out;
  }
}

function toCell(type: (typeof IMPORT_COLUMNS)['achievement']['columns'][number]['type'], v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  switch (type.t) {
    case 'money':
      return Number(v) / 100;
    case 'bool':
      return v ? '是' : '否';
    case 'list':
      return (v as string[]).join('；');
    case 'vocab': {
      const label = (code: unknown) => type.vocab[String(code)] ?? String(code);
      return Array.isArray(v) ? v.map(label).join('；') : label(v);
    }
    case 'int':
      return Number(v);
    default:
      return String(v);
  }
}
