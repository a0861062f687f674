import type { CatalogSubject } from './catalog.registration.js';
import { Achievement, Demand, Expert, Patent } from './entities/index.js';
import {
  achievementText,
  demandText,
  expertText,
  patentText,
  type AchievementDoc,
  type DemandDoc,
  type ExpertDoc,
  type PatentDoc,
  type SearchText,
} from './search/search-document.js';
import type { SearchKind } from './search/search-query.js';

/**
 * Everything the generic catalog code needs to know about one kind of entry: its CASL
 * subject, table, the columns of its public view, its facets, and how to read the text
 * that goes into its search document.
 */
export interface CatalogKind {
  subject: CatalogSubject;
  entity: typeof Achievement | typeof Demand | typeof Patent | typeof Expert;
  search: SearchKind;
  /** SQL reading the indexed fields of rows `$1::uuid[]`, columns named as the doc interface. */
  docSql: string;
  toText: (row: never) => SearchText;
  /** Columns of the view that hold bigint money and must become numbers. */
  moneyColumns: string[];
}

const common = `a.id, a.status, a.external_id AS "externalId", a.return_reason AS "returnReason", a.published_at AS "publishedAt",
  a.version, a.tenant_id AS "tenantId", t.code AS "tenantCode", t.name AS "tenantName"`;
const ownerCols = `a.organization_id AS "organizationId", o.name AS "organizationName"`;
const docFrom = (table: string) =>
  `FROM ${table} a JOIN tenant t ON t.id = a.tenant_id LEFT JOIN organization o ON o.id = a.organization_id WHERE a.id = ANY($1::uuid[])`;

export const CATALOG_KINDS = {
  achievement: {
    subject: 'Achievement',
    entity: Achievement,
    search: {
      table: 'achievement',
      select: `${common}, ${ownerCols}, a.title, a.summary, a.field, a.keywords, a.maturity, a.trl,
        a.transfer_modes AS "transferModes", a.price_fen AS "priceFen", a.price_negotiable AS "priceNegotiable",
        a.funding_source AS "fundingSource", a.contact_name AS "contactName", a.contact_phone AS "contactPhone",
        a.has_open_licence AS "hasOpenLicence", a.has_free_licence AS "hasFreeLicence"`,
      facets: [
        { name: 'field', expr: 'a.field' },
        { name: 'maturity', expr: 'a.maturity' },
        { name: 'transferMode', expr: 'a.transfer_modes', array: true },
      ],
      priceColumn: 'price_fen',
    },
    docSql: `SELECT a.id, a.title, a.summary, a.keywords, a.field, a.maturity, a.transfer_modes AS "transferModes",
      a.funding_source AS "fundingSource", a.has_open_licence AS "hasOpenLicence", a.has_free_licence AS "hasFreeLicence",
      o.name AS "organizationName", t.path::text AS "tenantPath" ${docFrom('achievement')}`,
    toText: (r: AchievementDoc) => achievementText(r),
    moneyColumns: ['priceFen'],
  },
  demand: {
    subject: 'Demand',
    entity: Demand,
    search: {
      table: 'demand',
      select: `${common}, ${ownerCols}, a.title, a.description, a.field, a.ipc_classes AS "ipcClasses", a.budget_min_fen AS "budgetMinFen",
        a.budget_max_fen AS "budgetMaxFen", a.deadline::text AS deadline, a.is_open_call AS "isOpenCall", a.reward_fen AS "rewardFen"`,
      facets: [
        { name: 'field', expr: 'a.field' },
        { name: 'isOpenCall', expr: 'a.is_open_call' },
      ],
      priceColumn: 'budget_max_fen',
    },
    docSql: `SELECT a.id, a.title, a.description, a.field, a.ipc_classes AS "ipcClasses", a.is_open_call AS "isOpenCall",
      o.name AS "organizationName", t.path::text AS "tenantPath" ${docFrom('demand')}`,
    toText: (r: DemandDoc) => demandText(r),
    moneyColumns: ['budgetMinFen', 'budgetMaxFen', 'rewardFen'],
  },
  patent: {
    subject: 'Patent',
    entity: Patent,
    search: {
      table: 'patent',
      select: `${common}, ${ownerCols}, a.application_number AS "applicationNumber", a.title, a.abstract,
        a.patent_type AS "patentType", a.legal_status AS "legalStatus", a.grant_date::text AS "grantDate",
        a.ipc_classes AS "ipcClasses", a.field, a.open_licence AS "openLicence", a.free_licence AS "freeLicence"`,
      facets: [
        { name: 'patentType', expr: 'a.patent_type' },
        { name: 'field', expr: 'a.field' },
        { name: 'openLicence', expr: 'a.open_licence' },
      ],
    },
    docSql: `SELECT a.id, a.title, a.abstract, a.field, a.patent_type AS "patentType", a.ipc_classes AS "ipcClasses",
      a.open_licence AS "openLicence", a.free_licence AS "freeLicence", o.name AS "organizationName", t.path::text AS "tenantPath"
      ${docFrom('patent')}`,
    toText: (r: PatentDoc) => patentText(r),
    moneyColumns: [],
  },
  expert: {
    subject: 'Expert',
    entity: Expert,
    search: {
      table: 'expert',
      select: `${common}, ${ownerCols}, a.user_id AS "userId", a.name, a.title, a.fields, a.bio,
        a.contact_phone AS "contactPhone", a.contact_email AS "contactEmail", a.availability`,
      facets: [
        { name: 'fields', expr: 'a.fields', array: true },
        { name: 'availability', expr: 'a.availability' },
      ],
    },
    docSql: `SELECT a.id, a.name, a.title, a.fields, a.bio, a.availability, o.name AS "organizationName",
      t.path::text AS "tenantPath" ${docFrom('expert')}`,
    toText: (r: ExpertDoc) => expertText(r),
    moneyColumns: [],
  },
} as const satisfies Record<string, CatalogKind>;

export type CatalogKindName = keyof typeof CATALOG_KINDS;
