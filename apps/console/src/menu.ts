import type { AnyAbility } from '@casl/ability';

export interface MenuEntry {
  path: string;
  name: string;
  /** The CASL right the page needs; the menu hides what the caller cannot do. */
  need: [action: string, subject: string];
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
];

export const menuFor = (ability: AnyAbility) => MENU.filter((m) => ability.can(m.need[0], m.need[1]));
