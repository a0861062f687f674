import {
  INDUSTRY_FIELD_ALIASES,
  INDUSTRY_FIELDS,
  LEGAL_STATUSES,
  MATURITY_STAGES,
  PATENT_TYPES,
  TRANSFER_MODES,
} from '../catalog.constants.js';
import type { ImportKind } from '../entities/catalog-import.entity.js';

/**
 * The spreadsheet layout of each importable kind: the Chinese header people see, the DTO
 * property it fills, and how a cell is read. Export writes the same columns, so an
 * exported file imports back unchanged.
 */
export type CellType =
  | { t: 'text' }
  | { t: 'int' }
  /** 元 with up to two decimals, stored as fen. */
  | { t: 'money' }
  | { t: 'bool' }
  | { t: 'date' }
  | { t: 'list' }
  | { t: 'vocab'; vocab: Record<string, string>; aliases?: Record<string, string>; multi?: boolean };

export interface ColumnSpec {
  header: string;
  property: string;
  type: CellType;
  required?: boolean;
}

const text = { t: 'text' } as const;
const field: CellType = { t: 'vocab', vocab: INDUSTRY_FIELDS, aliases: INDUSTRY_FIELD_ALIASES };

export const IMPORT_COLUMNS: Record<ImportKind, { sheet: string; columns: ColumnSpec[] }> = {
  achievement: {
    sheet: '科技成果',
    columns: [
      { header: '外部编号', property: 'externalId', type: text },
      { header: '成果名称', property: 'title', type: text, required: true },
      { header: '成果简介', property: 'summary', type: text, required: true },
      { header: '产业领域', property: 'field', type: field, required: true },
      { header: '关键词', property: 'keywords', type: { t: 'list' } },
      { header: '成熟度', property: 'maturity', type: { t: 'vocab', vocab: MATURITY_STAGES }, required: true },
      { header: '技术就绪度', property: 'trl', type: { t: 'int' } },
      { header: '转化方式', property: 'transferModes', type: { t: 'vocab', vocab: TRANSFER_MODES, multi: true }, required: true },
      { header: '挂牌价（元）', property: 'priceFen', type: { t: 'money' } },
      { header: '面议', property: 'priceNegotiable', type: { t: 'bool' } },
      { header: '资金来源', property: 'fundingSource', type: text },
      { header: '联系人', property: 'contactName', type: text },
      { header: '联系电话', property: 'contactPhone', type: text },
      { header: '所属机构', property: 'organizationName', type: text },
      { header: '关联专利申请号', property: 'patentNumbers', type: { t: 'list' } },
    ],
  },
  patent: {
    sheet: '专利',
    columns: [
      { header: '申请号', property: 'applicationNumber', type: text, required: true },
      { header: '专利名称', property: 'title', type: text, required: true },
      { header: '专利类型', property: 'patentType', type: { t: 'vocab', vocab: PATENT_TYPES }, required: true },
      { header: '法律状态', property: 'legalStatus', type: { t: 'vocab', vocab: LEGAL_STATUSES }, required: true },
      { header: '授权日', property: 'grantDate', type: { t: 'date' } },
      { header: 'IPC分类号', property: 'ipcClasses', type: { t: 'list' } },
      { header: '产业领域', property: 'field', type: field },
      { header: '摘要', property: 'abstract', type: text },
      { header: '专利权人', property: 'organizationName', type: text },
    ],
  },
  demand: {
    sheet: '企业需求',
    columns: [
      { header: '外部编号', property: 'externalId', type: text },
      { header: '需求名称', property: 'title', type: text, required: true },
      { header: '需求描述', property: 'description', type: text, required: true },
      { header: '产业领域', property: 'field', type: field, required: true },
      { header: 'IPC分类号', property: 'ipcClasses', type: { t: 'list' } },
      { header: '需求企业', property: 'organizationName', type: text },
      { header: '预算下限（元）', property: 'budgetMinFen', type: { t: 'money' } },
      { header: '预算上限（元）', property: 'budgetMaxFen', type: { t: 'money' } },
      { header: '截止日期', property: 'deadline', type: { t: 'date' } },
      { header: '揭榜挂帅', property: 'isOpenCall', type: { t: 'bool' } },
      { header: '揭榜奖励（元）', property: 'rewardFen', type: { t: 'money' } },
    ],
  },
};
