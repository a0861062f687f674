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
/** 条目状态 (libs/catalog/src/workflow.ts): an entry's review workflow. */
export const ENTRY_STATUS: Record<string, { text: string; color: string }> = {
  draft: { text: '草稿', color: 'default' },
  submitted: { text: '待审核', color: 'processing' },
  published: { text: '已发布', color: 'success' },
  returned: { text: '已退回', color: 'error' },
  withdrawn: { text: '已撤回', color: 'default' },
  archived: { text: '已归档', color: 'default' },
};
export const PATENT_TYPES: Record<string, string> = { invention: '发明', utility_model: '实用新型', design: '外观设计' };
export const LEGAL_STATUSES: Record<string, string> = { pending: '审中', granted: '有效', lapsed: '失效' };
export const ORGANIZATION_TYPES: Record<string, string> = {
  university_institute: '高校院所',
  enterprise: '企业',
  bank_investor: '金融投资机构',
  service_institution: '服务机构',
};
/** The catalog kinds a spreadsheet imports into (and a list exports from). */
export const IMPORT_KINDS: Record<string, string> = { achievement: '科技成果', patent: '专利', demand: '企业需求' };
/** 推送活动 states (libs/campaigns Campaign.state), with the badge each shows. */
export const CAMPAIGN_STATES: Record<string, { text: string; status: 'Processing' | 'Success' | 'Default' }> = {
  draft: { text: '草稿', status: 'Default' },
  launching: { text: '发送准备中', status: 'Processing' },
  launched: { text: '已发起', status: 'Success' },
};
/** A campaign mail's delivery states (libs/campaigns CampaignDelivery.state). */
export const DELIVERY_STATES: Record<string, { text: string; status: 'Processing' | 'Success' | 'Error' | 'Default' | 'Warning' }> = {
  queued: { text: '排队中', status: 'Default' },
  sending: { text: '发送中', status: 'Processing' },
  retry: { text: '等待重试', status: 'Warning' },
  sent: { text: '已送达', status: 'Success' },
  bounced: { text: '被退回', status: 'Error' },
  failed: { text: '发送失败', status: 'Error' },
  unknown: { text: '投递情况不明', status: 'Warning' },
  suppressed: { text: '已退订未发送', status: 'Default' },
};
/** 投递核查 outcomes as stored (the request says `resend`, the record `resent`). */
export const REVIEW_OUTCOMES: Record<string, string> = { delivered: '已送达', resend: '重新发送', resent: '已重新发送' };
/** 推送内容: what a campaign pushes (libs/campaigns SET_KINDS). */
export const CAMPAIGN_SET_KINDS: Record<string, string> = { patent: '专利', achievement: '科技成果' };
/** 目标企业的资质 (libs/campaigns SEGMENT_STATUS_LABELS). */
export const SEGMENT_STATUSES: Record<string, string> = { sme: '中小企业', specialized: '专精特新', highTech: '高新技术企业' };
