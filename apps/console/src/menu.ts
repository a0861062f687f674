import type { AnyAbility } from '@casl/ability';

export interface MenuEntry {
  path: string;
  name: string;
  /** The CASL right the page needs; the menu hides what the caller cannot do. */
  need: [action: string, subject: string];
}

export const MENU: MenuEntry[] = [
  { path: '/catalog', name: '成果检索', need: ['read', 'Achievement'] },
  { path: '/policies', name: '政策配置', need: ['update', 'PluginInstallation'] },
  { path: '/subsidies', name: '补贴申请', need: ['read', 'SubsidyApplication'] },
];

export const menuFor = (ability: AnyAbility) => MENU.filter((m) => ability.can(m.need[0], m.need[1]));
