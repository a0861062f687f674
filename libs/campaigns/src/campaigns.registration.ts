import { type Keys, ownTenant, registerModule } from '@techmarket/core/module-api';

/** The BullMQ queue of campaign mails: one job per delivery, its id the delivery's id. */
export const CAMPAIGN_MAIL_QUEUE = 'campaign-mail';
/** Planning a launched campaign's deliveries, and the contracts' events for the closed loop. */
export const CAMPAIGN_EVENTS_QUEUE = 'campaign-events';

const SUBJECTS = {
  Campaign: { zh: '推送活动', en: 'Campaign' },
  CampaignContact: { zh: '对接记录', en: 'Contact record' },
  CampaignDelivery: { zh: '推送记录', en: 'Campaign delivery' },
  CampaignDeliveryReview: { zh: '投递核查', en: 'Delivery review' },
  MatchContact: { zh: '撮合对接记录', en: 'Match contact record' },
  MatchLoop: { zh: '撮合闭环统计', en: 'Match closed loop' },
};

/** `launch`: start sending a campaign (发起推送). */
const ACTIONS = ['launch'] as const;

export const CAMPAIGN_ERRORS = {
  CAMPAIGN_NOT_DRAFT: {
    status: 409,
    zh: '推送活动已发起（状态：{state}），不能再修改或发起',
    en: 'The campaign was already launched (state: {state})',
  },
  CAMPAIGN_ALREADY_CONTACTED: { status: 409, zh: '该推送记录已登记过对接', en: 'A contact is already recorded for this delivery' },
  MATCH_ALREADY_CONTACTED: { status: 409, zh: '该匹配通知已登记过对接', en: 'A contact is already recorded for this match notice' },
  CAMPAIGN_DELIVERY_NOT_UNKNOWN: {
    status: 409,
    zh: '只有“投递情况不明”的推送记录需要核查（当前状态：{state}）',
    en: 'Only a delivery whose outcome is unknown is reviewed (state: {state})',
  },
} as const;

declare module '@techmarket/core/module-api' {
  interface SubjectRegistry extends Keys<typeof SUBJECTS> {}
  interface ActionRegistry extends Keys<Record<(typeof ACTIONS)[number], true>> {}
  interface ErrorCodeRegistry extends Keys<typeof CAMPAIGN_ERRORS> {}
}

/**
 * 推送活动与闭环 with core. A province admin (platform_admin) or a city admin (bureau_admin)
 * defines, previews and launches campaigns of its own subtree (`tenantId` is the defining tenant;
 * a segment may only target the caller's subtree, checked by the service). Tier staff read the
 * campaigns and funnels of their subtree. Brokers and tier staff record a contact (对接) for a
 * recipient enterprise of their subtree. Unsubscribe, open, click and interest links are signed,
 * not signed-in (the recipient has no account). The same closed loop for match notices (撮合闭环):
 * contacts recorded by the demand's tenant chain (`MatchContact`), its funnel read by tier staff
 * on a tenant of their subtree (`MatchLoop`).
 */
registerModule({
  name: 'campaigns',
  subjects: SUBJECTS,
  actions: [...ACTIONS],
  errors: CAMPAIGN_ERRORS,
  fieldMessages: {
    unknownTenantCode: { zh: '没有这个租户代码', en: 'is not a tenant code' },
    tenantOutsideScope: { zh: '不在您的辖区内（只能选择本级及下级地区）', en: 'is outside your jurisdiction (your tenant and below only)' },
    emptyEntrySet: { zh: '推送内容为空：没有符合条件的已发布条目', en: 'selects no published entry' },
    emptySegment: { zh: '目标企业为空：没有符合条件且可接收邮件的企业', en: 'selects no enterprise that can receive mail' },
  },
  audited: { Campaign: ownTenant, CampaignContact: ownTenant, CampaignDeliveryReview: ownTenant, MatchContact: ownTenant },
  queues: [CAMPAIGN_MAIL_QUEUE, CAMPAIGN_EVENTS_QUEUE],
  consumes: [{ queue: CAMPAIGN_EVENTS_QUEUE, events: ['contract.registered', 'contract.cancelled'] }],
  rules({ can, roles, subtree, isStaff }) {
    if (roles.has('platform_admin') || roles.has('bureau_admin')) {
      can(['create', 'update', 'launch'], 'Campaign', { tenantId: subtree });
      // Whoever may launch a campaign decides about its deliveries whose outcome is unknown.
      can(['create', 'read'], 'CampaignDeliveryReview', { tenantId: subtree });
    }
    if (isStaff) {
      can('read', 'Campaign', { tenantId: subtree });
      can('read', 'CampaignDelivery', { tenantId: subtree });
    }
    if (isStaff || roles.has('broker')) can(['create', 'read'], 'CampaignContact', { tenantId: subtree });
    // Match notices (libs/matching): the demand's tenant chain records contacts and reads the closed loop of its subtree.
    if (isStaff || roles.has('broker')) can(['create', 'read'], 'MatchContact', { tenantId: subtree });
    if (isStaff) can('read', 'MatchLoop', { tenantId: subtree });
  },
});
