import { INDUSTRY_FIELDS, type IndustryField } from '../catalog.constants.js';
import { indexWords } from './segmenter.js';

/**
 * The text of one catalog entry for the search index, by weight: A (title) ranks highest,
 * then B (keywords, field, organisation), then C (body). D holds filter lexemes such as
 * `zfnewmaterials` (field) or `zt220100` (every tenant on the entry's path); they are
 * indexed so a filter is answered by the same GIN index as the words, and ranked with
 * weight 0 so they never change the order. See docs/decisions/0005-catalog-search.md.
 */
export interface SearchText {
  a: string;
  b: string;
  c: string;
  d: string;
}

const words = (...texts: (string | null | undefined)[]): string => texts.flatMap((t) => indexWords(t ?? '')).join(' ');

/** Filter lexeme for a value: a prefix, then letters and digits only (what the PostgreSQL parser keeps whole). */
export const tag = (prefix: string, value: string): string => `z${prefix}${value.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
export const TAG = {
  field: (f: string) => tag('f', f),
  tenant: (code: string) => tag('t', code),
  maturity: (m: string) => tag('m', m),
  transferMode: (m: string) => tag('x', m),
  patentType: (t: string) => tag('p', t),
  availability: (a: string) => tag('a', a),
  openLicence: 'zol',
  freeLicence: 'zfree',
  openCall: 'zcall',
} as const;

const fieldLabel = (f: string | null) => (f ? (INDUSTRY_FIELDS[f as IndustryField] ?? '') : '');
const tenantTags = (path: string) => path.split('.').map(TAG.tenant);

export interface AchievementDoc {
  title: string;
  summary: string;
  keywords: string[];
  field: string;
  maturity: string;
  transferModes: string[];
  fundingSource?: string | null;
  hasOpenLicence: boolean;
  hasFreeLicence: boolean;
  organizationName: string;
  tenantPath: string;
}

export function achievementText(r: AchievementDoc): SearchText {
  return {
    a: words(r.title),
    // 开放许可 / 免费许可 as words too: people type them as part of a query (“开放许可 新材料”).
    b: words(
      r.keywords.join(' '),
      fieldLabel(r.field),
      r.organizationName,
      r.fundingSource,
      r.hasOpenLicence ? '开放许可' : '',
      r.hasFreeLicence ? '免费许可' : '',
    ),
    c: words(r.summary),
    d: [
      TAG.field(r.field),
      TAG.maturity(r.maturity),
      ...r.transferModes.map(TAG.transferMode),
      ...tenantTags(r.tenantPath),
      ...(r.hasOpenLicence ? [TAG.openLicence] : []),
      ...(r.hasFreeLicence ? [TAG.freeLicence] : []),
    ].join(' '),
  };
}

export interface DemandDoc {
  title: string;
  description: string;
  field: string;
  /** Absent in rows written before demands had IPC classes (the demo's bulk load). */
  ipcClasses?: string[];
  isOpenCall: boolean;
  organizationName: string;
  tenantPath: string;
}

export function demandText(r: DemandDoc): SearchText {
  return {
    a: words(r.title),
    b: words(fieldLabel(r.field), r.organizationName, r.isOpenCall ? '揭榜挂帅' : ''),
    c: words(r.description),
    d: [
      TAG.field(r.field),
      ...(r.ipcClasses ?? []).map((c) => tag('i', c.slice(0, 4))),
      ...tenantTags(r.tenantPath),
      ...(r.isOpenCall ? [TAG.openCall] : []),
    ].join(' '),
  };
}

export interface PatentDoc {
  title: string;
  abstract: string;
  field: string | null;
  patentType: string;
  ipcClasses: string[];
  openLicence: boolean;
  freeLicence: boolean;
  organizationName: string;
  tenantPath: string;
}

export function patentText(r: PatentDoc): SearchText {
  return {
    a: words(r.title),
    b: words(fieldLabel(r.field), r.organizationName, r.openLicence ? '开放许可' : '', r.freeLicence ? '免费许可' : ''),
    c: words(r.abstract),
    d: [
      ...(r.field ? [TAG.field(r.field)] : []),
      TAG.patentType(r.patentType),
      ...r.ipcClasses.map((c) => tag('i', c.slice(0, 4))),
      ...tenantTags(r.tenantPath),
      ...(r.openLicence ? [TAG.openLicence] : []),
      ...(r.freeLicence ? [TAG.freeLicence] : []),
    ].join(' '),
  };
}

export interface ExpertDoc {
  name: string;
  title: string;
  fields: string[];
  bio: string;
  availability: string;
  organizationName: string | null;
  tenantPath: string;
}

export function expertText(r: ExpertDoc): SearchText {
  return {
    a: `${r.name} ${words(r.title)}`,
    b: words(r.fields.map(fieldLabel).join(' '), r.organizationName),
    c: words(r.bio),
    d: [...r.fields.map(TAG.field), TAG.availability(r.availability), ...tenantTags(r.tenantPath)].join(' '),
  };
}

/** The SQL that turns four text parameters into the weighted tsvector stored in `search_doc`. */
export function searchDocSql(a: string, b: string, c: string, d: string): string {
  return (
    `setweight(to_tsvector('simple', ${a}), 'A') || setweight(to_tsvector('simple', ${b}), 'B') || ` +
    `setweight(to_tsvector('simple', ${c}), 'C') || to_tsvector('simple', ${d})`
  );
}
