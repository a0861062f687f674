/**
 * 技术合同类型 and sub-types (技术合同认定规则). Codes are stored; labels are shown.
 */
export const CONTRACT_TYPES = {
  development: { label: '技术开发', subTypes: { commissioned: '委托开发', cooperative: '合作开发' } },
  transfer: {
    label: '技术转让',
    subTypes: {
      patent_right: '专利权转让',
      patent_application: '专利申请权转让',
      know_how: '技术秘密转让',
      equity: '技术成果作价入股',
      other: '其他技术转让',
    },
  },
  licence: {
    label: '技术许可',
    subTypes: {
      patent_exclusive: '专利实施独占许可',
      patent_sole: '专利实施排他许可',
      patent_ordinary: '专利实施普通许可',
      know_how: '技术秘密许可',
    },
  },
  consulting: { label: '技术咨询', subTypes: {} },
  service: { label: '技术服务', subTypes: { training: '技术培训', intermediary: '技术中介', other: '其他技术服务' } },
} as const;
export type ContractType = keyof typeof CONTRACT_TYPES;
export const CONTRACT_TYPE_CODES = Object.keys(CONTRACT_TYPES) as ContractType[];

export function isValidSubType(type: ContractType, subType: string | null | undefined): boolean {
  const subs = CONTRACT_TYPES[type].subTypes as Record<string, string>;
  if (!Object.keys(subs).length) return subType === null || subType === undefined;
  return subType !== null && subType !== undefined && subType in subs;
}

/**
 * 认定登记 states. A registered contract is never edited; corrections are amendments, and a
 * rescinded one is cancelled (撤销登记) by the registrar, with a reason.
 */
export const CONTRACT_STATUSES = ['submitted', 'returned', 'registered', 'superseded', 'cancelled'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const STATUS_LABELS: Record<ContractStatus, string> = {
  submitted: '待登记',
  returned: '已退回',
  registered: '已登记',
  superseded: '已被变更替代',
  cancelled: '已撤销登记',
};

/**
 * domestic: registered where the seller is; import (技术引进, the seller is outside China or the
 * province): registered by the domestic buyer's tenant.
 */
export const CONTRACT_DIRECTIONS = ['domestic', 'import'] as const;
export type ContractDirection = (typeof CONTRACT_DIRECTIONS)[number];

/** 技术交易额 from which a contract gets an expert review (专家评审) and the longer deadline: 5,000,000 yuan. */
export const EXPERT_REVIEW_THRESHOLD_FEN = 500_000_000;
/** Working days (工作日) a registrar has to decide: 15, or 30 with an expert review. */
export const DECISION_WORKING_DAYS = { standard: 15, expertReview: 30 } as const;
/** `?due=soon`: contracts due within this many working days (today included). */
export const DUE_SOON_WORKING_DAYS = 5;

/**
 * Facts the parties declare with evidence files and the registrar confirms (合同事实). Each maps
 * to the contract column holding the declared value and the one holding its confirmation.
 */
export const CONTRACT_FACTS = {
  implemented: { label: '已实施转化', value: 'implemented', confirmed: 'implementedConfirmed' },
  netIncome: { label: '转化净收入', value: 'netIncomeFen', confirmed: 'netIncomeConfirmed' },
  inventorReward: { label: '奖励完成人金额', value: 'inventorRewardFen', confirmed: 'inventorRewardConfirmed' },
  paidInCashCapital: { label: '作价入股新设企业实缴现金', value: 'paidInCashCapitalFen', confirmed: 'paidInCashCapitalConfirmed' },
} as const;
export type ContractFact = keyof typeof CONTRACT_FACTS;
export const CONTRACT_FACT_CODES = Object.keys(CONTRACT_FACTS) as ContractFact[];

/** Evidence files: PDF, JPEG or PNG (recognised by their first bytes), at most 10 MB. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
