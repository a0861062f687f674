/** Labels of the catalog's controlled vocabularies (libs/catalog/src/catalog.constants.ts). */
export const INDUSTRY_FIELDS: Record<string, string> = {
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
};
export const MATURITY: Record<string, string> = { research: '研发', lab: '小试', pilot: '中试', industrial: '产业化' };
export const TRANSFER_MODES: Record<string, string> = { transfer: '转让', licence: '许可', equity: '作价入股', co_development: '合作开发' };
export const APPLICATION_STATUS: Record<string, { text: string; status: 'Processing' | 'Success' | 'Error' | 'Default' }> = {
  submitted: { text: '待审核', status: 'Processing' },
  approved: { text: '已批准', status: 'Success' },
  rejected: { text: '未批准', status: 'Error' },
  disbursed: { text: '已拨付', status: 'Success' },
  withdrawn: { text: '已撤回', status: 'Default' },
};
export const CONTRACT_TYPES: Record<string, string> = {
  transfer: '技术转让',
  licence: '技术许可',
  development: '技术开发',
  consulting: '技术咨询',
  service: '技术服务',
};
export const label = (map: Record<string, string>, v: string | null | undefined) => (v ? (map[v] ?? v) : '—');
/** 认定登记 states (libs/contracts/src/contract-types.ts STATUS_LABELS), with the badge each shows. */
export const CONTRACT_STATUS: Record<string, { text: string; status: 'Processing' | 'Success' | 'Error' | 'Default' | 'Warning' }> = {
  submitted: { text: '待登记', status: 'Processing' },
  returned: { text: '已退回', status: 'Warning' },
  registered: { text: '已登记', status: 'Success' },
  superseded: { text: '已被变更替代', status: 'Default' },
  cancelled: { text: '已撤销登记', status: 'Error' },
};
/** Tenant tiers (libs/core tenant.entity.ts TenantTier). */
export const TIERS: Record<string, string> = { province: '省级', city: '市（州）级', county: '县（市、区）级' };
/** Tenant kinds: an administrative division, or a platform node under one (e.g. a development zone). */
export const TENANT_KINDS: Record<string, string> = { administrative: '行政区划', non_administrative: '园区等非行政节点' };
/** Parameter types of a plugin's schema (@techmarket/plugin-api ParamSpec). */
export const PARAM_TYPES: Record<string, string> = {
  percent: '百分比',
  money: '金额',
  count: '数量',
  date: '日期',
  enum: '选项',
  boolean: '是/否',
  list: '多选',
};
/** The events a policy plugin reacts to (@techmarket/plugin-api PolicyEventType). */
export const POLICY_EVENTS: Record<string, string> = {
  'contract.registered': '合同认定登记',
  'payment.received': '技术合同到账',
  'year.closed': '年度结算',
  'catalog.published': '成果/专利发布',
};
