/**
 * Controlled vocabularies of the shared catalog. Values are stable English codes (stored,
 * used in the API and as search lexemes); labels are what users read and what spreadsheets
 * may contain. The industry list comes from the policy texts in shared/policy-docs.
 */
export const INDUSTRY_FIELDS = {
  high_end_equipment: '高端装备制造',
  energy_saving: '节能环保',
  biomedicine: '生物医药',
  new_materials: '新材料',
  next_gen_it: '新一代信息技术',
  modern_agriculture: '现代农业',
  optoelectronics: '光电子',
  automotive: '汽车',
  petrochemical: '石化',
  agri_processing: '农产品深加工',
  new_energy: '新能源',
  aerospace: '航空航天',
  artificial_intelligence: '人工智能',
} as const;
export type IndustryField = keyof typeof INDUSTRY_FIELDS;
export const INDUSTRY_FIELD_CODES = Object.keys(INDUSTRY_FIELDS) as IndustryField[];
/** Other names people use for a field (医药健康 is the provincial name for 生物医药). */
export const INDUSTRY_FIELD_ALIASES: Record<string, IndustryField> = { 医药健康: 'biomedicine', '生物医药/医药健康': 'biomedicine' };

/** 成熟度: research, lab pilot (小试), pilot plant (中试), industrialised; each with its TRL range. */
export const MATURITY_STAGES = { research: '研发', lab: '小试', pilot: '中试', industrial: '产业化' } as const;
export type MaturityStage = keyof typeof MATURITY_STAGES;
export const MATURITY_TRL: Record<MaturityStage, [number, number]> = {
  research: [1, 3],
  lab: [4, 5],
  pilot: [6, 7],
  industrial: [8, 9],
};

/** 转化方式. */
export const TRANSFER_MODES = { transfer: '转让', licence: '许可', equity: '作价入股', co_development: '合作开发' } as const;
export type TransferMode = keyof typeof TRANSFER_MODES;

/** 专利类型. */
export const PATENT_TYPES = { invention: '发明', utility_model: '实用新型', design: '外观设计' } as const;
export type PatentType = keyof typeof PATENT_TYPES;

/** 法律状态. */
export const LEGAL_STATUSES = { pending: '审中', granted: '有效', lapsed: '失效' } as const;
export type LegalStatus = keyof typeof LEGAL_STATUSES;

/** 开放许可使用费标准: one-off sum, royalty on sales, or an annual fee. */
export const LICENCE_FEE_TYPES = { lump_sum: '一次性支付', royalty: '提成支付', annual: '按年支付' } as const;
export type LicenceFeeType = keyof typeof LICENCE_FEE_TYPES;

/** 专家可约状态. */
export const EXPERT_AVAILABILITY = { available: '可约', busy: '繁忙', unavailable: '暂不接受邀请' } as const;
export type ExpertAvailability = keyof typeof EXPERT_AVAILABILITY;

/** Labels of the workflow states. */
export const ENTRY_STATUS_LABELS = {
  draft: '草稿',
  submitted: '待审核',
  published: '已发布',
  returned: '已退回',
  withdrawn: '已撤回',
  archived: '已归档',
} as const;

/** Resolves a code or its Chinese label (as found in spreadsheets) to the code. */
export function codeOf<T extends Record<string, string>>(
  vocabulary: T,
  value: string,
  aliases: Record<string, keyof T> = {},
): keyof T | null {
  const v = value.trim();
  if (v in vocabulary) return v as keyof T;
  const byLabel = Object.entries(vocabulary).find(([, label]) => label === v);
  if (byLabel) return byLabel[0] as keyof T;
  return aliases[v] ?? null;
}
