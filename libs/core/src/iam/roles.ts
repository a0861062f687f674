import type { TenantTier } from '../tenancy/tenant.entity.js';

/**
 * 角色. The three admin roles are bound to a tier: a platform admin lives in the province
 * tenant, a bureau admin in a city, centre staff in a county.
 */
export const ROLES = [
  'platform_admin', // 省级平台管理员
  'bureau_admin', // 市（州）科技局管理员
  'center_staff', // 县级服务中心工作人员
  'reviewer', // 审核员
  'institution_member', // 高校院所成员
  'enterprise_member', // 企业成员
  'broker', // 技术经纪人
  'expert', // 专家
] as const;
export type Role = (typeof ROLES)[number];

/** The tier a role must live in; roles not listed may live in any tier. */
export const ROLE_TIER: Partial<Record<Role, TenantTier>> = {
  platform_admin: 'province',
  bureau_admin: 'city',
  center_staff: 'county',
};

/** Which roles a holder of each role may grant to accounts in its subtree. */
export const GRANTABLE_ROLES: Record<Role, readonly Role[]> = {
  platform_admin: ROLES,
  bureau_admin: ['bureau_admin', 'center_staff', 'reviewer', 'institution_member', 'enterprise_member', 'broker', 'expert'],
  center_staff: ['center_staff', 'institution_member', 'enterprise_member', 'broker', 'expert'],
  reviewer: [],
  institution_member: [],
  enterprise_member: [],
  broker: [],
  expert: [],
};

export const ROLE_LABELS: Record<Role, string> = {
  platform_admin: '省级平台管理员',
  bureau_admin: '市（州）科技局管理员',
  center_staff: '县级服务中心工作人员',
  reviewer: '审核员',
  institution_member: '高校院所成员',
  enterprise_member: '企业成员',
  broker: '技术经纪人',
  expert: '专家',
};
