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
