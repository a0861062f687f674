import type { AnyAbility } from '@casl/ability';

export interface MenuEntry {
  path: string;
  name: string;
  /** The CASL right the page needs; the menu hides what the caller cannot do. */
  need: [action: string, subject: string];
  /** Only for a member of an institution or enterprise (its own things, 我的…), not for tier staff. */
  memberOnly?: boolean;
  /** Only for staff of these tiers (the county routing policy installs in counties only). */
  tiers?: string[];
}

export const MENU: MenuEntry[] = [
  { path: '/dashboard', name: '统计驾驶舱', need: ['read', 'RollupStatistic'] },
  { path: '/catalog', name: '成果检索', need: ['read', 'Achievement'] },
  { path: '/policies', name: '政策配置', need: ['update', 'PluginInstallation'] },
  { path: '/demand-desk', name: '企业需求', need: ['create', 'Demand'] },
  { path: '/subsidies', name: '补贴申请', need: ['read', 'SubsidyApplication'] },
  { path: '/registration-desk', name: '合同登记', need: ['review', 'TechContract'] },
  { path: '/plugin-catalog', name: '政策插件目录', need: ['create', 'PluginInstallation'] },
  { path: '/sub-markets', name: '分市场', need: ['update', 'Tenant'] },
  { path: '/mine', name: '我的事项', need: ['submit', 'Achievement'], memberOnly: true },
  { path: '/agri-routing', name: '涉农推送', need: ['create', 'PluginInstallation'], tiers: ['county'] },
  { path: '/local-orgs', name: '本地机构', need: ['create', 'Organization'] },
  { path: '/bulk-import', name: '批量导入', need: ['create', 'CatalogImport'] },
  { path: '/campaign-desk', name: '推送活动', need: ['create', 'Campaign'] },
];

/** The entries the caller may use; `who` says whether they belong to an organisation and their tenant's tier. */
export const menuFor = (ability: AnyAbility, who: { member?: boolean; tier?: string } = {}) =>
  MENU.filter(
    (m) =>
      ability.can(m.need[0], m.need[1]) &&
      (who.member || !m.memberOnly) &&
      (!m.tiers || (who.tier !== undefined && m.tiers.includes(who.tier))),
  );
