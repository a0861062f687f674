import type { FactSourceKind, OrganizationStatus } from './organization-fact.entity.js';
import type { OrganizationType } from './organization.entity.js';

/** Where a status or the founding facts came from, as events carry it. */
export interface FactSourceFacts {
  /** list 名单 | certificate 证书 | document 文件 | import 导入的名单 */
  kind: FactSourceKind;
  name: string;
  certificateNumber: string | null;
  issuedOn: string;
  validUntil: string | null;
  /** China date tier staff confirmed it (null: loaded by the system, e.g. demo data). */
  confirmedOn: string | null;
}

/** A status's source; `expired`: its validity ended before the facts were read (China date). */
export interface StatusSourceFacts extends FactSourceFacts {
  /** The value the source gives (false: the status was revoked or refused). */
  value: boolean;
  expired: boolean;
}

/** 设立信息: how the firm was founded, as tier staff confirmed it (or as the firm declared it, unconfirmed). */
export interface FoundingFacts {
  foundedOn: string;
  /** 以技术成果作价入股设立. */
  withTechnologyEquity: boolean;
  /** 注册资本实缴货币出资, fen. */
  paidInCashCapitalFen: number;
  /** Confirmed by tier staff; false: only the firm's own pending declaration. */
  confirmed: boolean;
  source: FactSourceFacts | null;
}

/**
 * An organisation as domain events carry it (the facts local policies ask about), read in one
 * place (`OrganizationsService.facts`) and frozen into the event, so a decision can be
 * explained later from what was true when it was made.
 */
export interface OrganizationFacts {
  id: string;
  name: string;
  type: OrganizationType;
  /**
   * 中小企业 / 专精特新 / 高新技术企业, as tier staff confirmed them and still valid on the day the
   * facts were read (a certificate past its `validUntil`, in China time, counts as not held).
   */
  isSme: boolean;
  isSpecialized: boolean;
  isHighTech: boolean;
  /** Where each status came from; null when none was recorded (values from before sources were kept, demo data). */
  statusSources: Record<OrganizationStatus, StatusSourceFacts | null>;
  /** The founding facts, or null when neither confirmed nor declared. */
  founding: FoundingFacts | null;
  tenantId: string;
  tenantCode: string;
  /** Codes from the province down to the organisation's tenant, e.g. ['220000', '220100', '220104']. */
  tenantPath: string[];
  /** Where the organisation is (GB/T 2260), which may lie outside the province, e.g. 330106. */
  divisionCode: string;
  /** Located in the province the tenant tree serves: its division shares the root tenant's province prefix. */
  inProvince: boolean;
}
