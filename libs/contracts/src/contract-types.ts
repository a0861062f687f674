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

/** 认定登记 states. A registered contract is never edited; corrections are amendments. */
export const CONTRACT_STATUSES = ['submitted', 'returned', 'registered', 'superseded'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];
