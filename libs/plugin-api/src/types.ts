/**
 * The contract between the policy engine and a policy plugin (政策插件). A plugin is pure:
 * it receives an event, the parameters in force on the event's date and some context, and
 * returns a decision with every condition it checked and every number it used, in Chinese.
 * It never touches the database, the network or the clock.
 */

export type Tier = 'province' | 'city' | 'county';

/** The events the engine delivers. */
export type PolicyEventType = 'contract.registered' | 'payment.received' | 'year.closed' | 'catalog.published';

/** Where a status or the founding facts came from (since 1.2.0). */
export interface FactSource {
  /** list 名单 | certificate 证书 | document 文件 | import 导入的官方名单 */
  kind: string;
  /** The list, certificate or document, e.g. 高新技术企业证书. */
  name: string;
  /** 证书编号 or 文号. */
  certificateNumber: string | null;
  issuedOn: string;
  validUntil: string | null;
  /** China date tier staff confirmed it. */
  confirmedOn: string | null;
}

/** A status's source: the value it gives and whether it had expired when the facts were read. */
export interface StatusSource extends FactSource {
  value: boolean;
  expired: boolean;
}

/** 设立信息 of a firm (since 1.2.0). */
export interface FoundingFacts {
  foundedOn: string;
  /** 以技术成果作价入股设立. */
  withTechnologyEquity: boolean;
  /** 注册资本实缴货币出资, fen. */
  paidInCashCapitalFen: number;
  /** Confirmed by tier staff; false: only the firm's own pending declaration. */
  confirmed: boolean;
  source: FactSource | null;
}

/** An organisation as policies see it (the facts local rules ask about). */
export interface OrgFacts {
  id: string;
  name: string;
  /** university_institute | enterprise | bank_investor | service_institution */
  type: string;
  /**
   * 中小企业 / 专精特新 / 高新技术企业 as tier staff confirmed them, and still valid on the event's
   * facts date (an expired certificate counts as not held).
   */
  isSme: boolean;
  isSpecialized: boolean;
  isHighTech: boolean;
  tenantCode: string;
  /** Located in the province: its administrative division is in the province (not merely registered in the tree). */
  inProvince: boolean;
  /** GB/T 2260 code of where the organisation is, e.g. 330106 for a Hangzhou firm (since 1.2.0; absent in older events). */
  divisionCode?: string;
  /** The source of each status (null: none recorded) (since 1.2.0; absent in older events). */
  statusSources?: { isSme: StatusSource | null; isSpecialized: StatusSource | null; isHighTech: StatusSource | null };
  /** The firm's founding facts, null when unknown (since 1.2.0; absent in older events). */
  founding?: FoundingFacts | null;
  /**
   * @deprecated since 1.2.0: read `founding`. Set from the confirmed founding facts only (no longer
   * from a contract's sub-type).
   */
  paidInCashCapitalFen?: number | null;
  /** @deprecated since 1.2.0: read `founding`. True only when confirmed founding facts say so. */
  foundedWithTechEquity?: boolean;
}

export interface PatentFacts {
  applicationNumber: string;
  patentType: string;
  holderType: string;
  ipcClasses: string[];
  field: string | null;
}

/** 技术合同 as registered. */
export interface ContractFacts {
  id: string;
  registrationNumber: string;
  /** development | transfer | licence | consulting | service */
  contractType: string;
  /** 技术开发 / 技术转让 / 技术许可 / 技术咨询 / 技术服务, for reasons. */
  contractTypeLabel: string;
  subType: string | null;
  amountFen: number;
  /** 技术交易额. */
  techTransactionFen: number;
  /** 到账金额 so far (actual turnover). */
  receivedFen: number;
  signedOn: string;
  registeredOn: string;
  seller: OrgFacts;
  buyer: OrgFacts;
  patents: PatentFacts[];
  /** Declared by the parties: the contract is being implemented (已实施转化). */
  implemented: boolean;
  /** For institutions: net income and the share paid to the inventors (奖励报酬). */
  netIncomeFen?: number | null;
  inventorRewardFen?: number | null;
}

/** A catalog entry that was just published (used for routing, e.g. agricultural transfer). */
export interface CatalogEntryFacts {
  kind: 'achievement' | 'patent';
  id: string;
  title: string;
  field: string | null;
  ipcClasses: string[];
  owner: OrgFacts;
}

/** A year's totals per institution, delivered when a tenant closes the year. */
export interface InstitutionYearFacts {
  institution: OrgFacts;
  year: number;
  /** Patents transferred or licensed in registered contracts this year. */
  patentsTransferred: number;
  /** Money received on those contracts (economic benefit). */
  receivedFen: number;
}

export type PolicyEvent =
  | { type: 'contract.registered'; occurredOn: string; tenantCode: string; contract: ContractFacts }
  | { type: 'payment.received'; occurredOn: string; tenantCode: string; contract: ContractFacts }
  | { type: 'catalog.published'; occurredOn: string; tenantCode: string; entry: CatalogEntryFacts }
  | { type: 'year.closed'; occurredOn: string; tenantCode: string; institutions: InstitutionYearFacts[] };

/** One typed, bounded parameter a bureau configures. Money is fen; percent is a number of %. */
export type ParamSpec =
  | { type: 'percent'; label: string; default: number; min?: number; max?: number }
  | { type: 'money'; label: string; default: number; min?: number; max?: number }
  | { type: 'count'; label: string; default: number; min?: number; max?: number }
  | { type: 'date'; label: string; default: string | null }
  | { type: 'enum'; label: string; default: string; options: Record<string, string> }
  | { type: 'boolean'; label: string; default: boolean }
  | { type: 'list'; label: string; default: string[] };

export type ParamSchema = Record<string, ParamSpec>;
export type ParamValues<S extends ParamSchema> = { [K in keyof S]: S[K]['default'] };

/** 法律依据: where the rule comes from. */
export interface LegalBasis {
  /** 文号, e.g. 吉科发区〔2022〕77号. */
  document: string;
  title: string;
  article: string;
  /** The source text, relative to the shared policy-docs folder. */
  file: string;
}

/** One condition checked or one number used, as the applicant and the reviewer will read it. */
export interface Reason {
  ok: boolean;
  text: string;
}

/** Side effects a plugin may ask for; the engine carries them out, the plugin stays pure. */
export interface Effects {
  /** Tags to put on the subject (e.g. 涉农). */
  tags?: string[];
  /** List the subject on the installing tenant's own page. */
  listOnTenantPage?: boolean;
  /** Tell the installing tenant's staff. */
  notifyTenantStaff?: { subject: string; text: string };
  /** A finding for monitoring (e.g. inventors under-rewarded). */
  flag?: { code: string; text: string };
}

export interface Decision {
  /** Whose decision it is (the firm or institution that would receive the subsidy). */
  subjectOrgId: string | null;
  eligible: boolean;
  /** Integer fen; 0 when not eligible or when the policy routes rather than pays. */
  amountFen: number;
  reasons: Reason[];
  /** Every number used, by name (for the record and for re-evaluation side by side). */
  figures: Record<string, number | string | boolean>;
  effects?: Effects;
}

export interface EvaluationContext {
  /** The tenant that installed the plugin. */
  tenantCode: string;
  tenantTier: Tier;
  /** Codes from the province down to the installing tenant. */
  tenantPath: string[];
}

/**
 * 适用日期: which date of a contract picks the parameters in force — the day it was signed,
 * registered, or (for turnover-based rules) the day the money arrived. Part of the rule: a
 * contract signed in 2025 and registered in 2026 may fall under either year's policy.
 */
export type GoverningDate = 'signed' | 'registered' | 'received';

export interface PolicyPlugin<S extends ParamSchema = ParamSchema> {
  id: string;
  version: string;
  name: { zh: string; en: string };
  description: string;
  /** Tiers whose tenants may install it. */
  tiers: Tier[];
  /** Only these tenants (e.g. Changchun's own policy); any tenant of the tiers when absent. */
  tenants?: string[];
  legalBasis: LegalBasis[];
  params: S;
  events: PolicyEventType[];
  /** Required when the plugin reacts to contract events (the loader refuses it otherwise); other events use their own date. */
  governingDate?: GoverningDate;
  /** Plugins in the same group cannot both pay for the same contract. */
  exclusiveGroup?: string;
  /**
   * Whom the installing tenant's decisions may concern (辖区). `subtree` (the default): only
   * subjects whose organisation lies in the installing tenant's subtree — a city's subsidy never
   * pays a firm of another city, whatever the plugin's own checks say; the engine enforces it.
   * `anywhere`: the plugin looks wider on purpose (e.g. routing entries published anywhere to a
   * county) and checks locality itself where it pays.
   */
  territory?: 'subtree' | 'anywhere';
  /**
   * Caps across all of one subject's decisions by the same installation, which one event alone
   * cannot see; the engine enforces them. `perYearParam` names a money parameter: the most one
   * subject may get in a calendar year (of the governing date). `once`: one paying decision per
   * subject, ever (e.g. once per founded firm).
   */
  subjectCaps?: { perYearParam?: string; once?: boolean };
  /**
   * Contract facts the parties declare that this plugin's money rests on. A subsidy cannot be
   * approved until the registrar has confirmed each of them from its evidence.
   */
  reliesOn?: ('implemented' | 'netIncome' | 'inventorReward' | 'paidInCashCapital')[];
  /** One decision per subject (usually one; year.closed gives one per institution). */
  evaluate(event: PolicyEvent, params: ParamValues<S>, context: EvaluationContext): Decision[];
}
