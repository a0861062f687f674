import { type Keys, ownTenant, registerModule } from '@techmarket/core/module-api';

/** The BullMQ queue of matching runs: published demands, achievements and patents. */
export const MATCHING_QUEUE = 'matching-events';
/** Catalog views recorded for profiles: their own queue, so they never wait behind a long matching run. */
export const PROFILE_VIEWS_QUEUE = 'matching-profile-views';
/** The subscription digests: the daily and weekly schedules, and runs the province admin asks for. */
export const DIGEST_QUEUE = 'matching-digests';

const SUBJECTS = {
  Match: { zh: '匹配结果', en: 'Match' },
  MatchingWeights: { zh: '匹配权重', en: 'Matching weights' },
  MatchNotice: { zh: '匹配通知', en: 'Match notice' },
  Profile: { zh: '画像', en: 'Profile' },
  Subscription: { zh: '订阅', en: 'Subscription' },
  SubscriptionDigest: { zh: '订阅推送', en: 'Subscription digest' },
};

export const MATCHING_ERRORS = {
  NOTICE_ALREADY_ANSWERED: { status: 409, zh: '已表达过意向', en: 'Interest has already been expressed' },
  PROFILE_NOT_APPLICABLE: {
    status: 409,
    zh: '该机构类型没有此画像（企业画像限企业，机构画像限高校院所）',
    en: 'This kind of organisation has no such profile (enterprise profiles for enterprises, institution profiles for universities and institutes)',
  },
  UNSUBSCRIBE_LINK_INVALID: { status: 400, zh: '退订链接无效', en: 'The unsubscribe link is not valid' },
} as const;

declare module '@techmarket/core/module-api' {
  interface SubjectRegistry extends Keys<typeof SUBJECTS> {}
  interface ErrorCodeRegistry extends Keys<typeof MATCHING_ERRORS> {}
}

/**
 * 供需匹配与定向推送 with core. Matches of an entry are read by whoever owns it (its organisation's
 * members) and by the staff and reviewers of its tenant or an ancestor (checked on the entry's
 * tenant and organisation); a notice by the organisation or expert it was sent to, who may answer
 * it; the weights are read by tier staff and tuned by the province admin (on the root tenant).
 * Matching runs in the worker on the catalog's publication events.
 */
registerModule({
  name: 'matching',
  subjects: SUBJECTS,
  errors: MATCHING_ERRORS,
  fieldMessages: {
    weightRange: { zh: '权重应为 0 到 1 之间的数', en: 'must be a number from 0 to 1' },
    weightsAllZero: { zh: '至少一项权重应大于 0', en: 'at least one weight must be above 0' },
    notPublishedDemand: { zh: '不是已发布的企业需求', en: 'is not a published demand' },
    hasWord: { zh: '应至少包含一个汉字、字母或数字', en: 'must contain at least one letter or digit' },
    fieldsOrKeywords: { zh: '请至少给出一个行业领域（fields）或关键词（keywords）', en: 'give at least one field or keyword' },
    digestDate: {
      zh: '应为不晚于今天（中国时间）的日期，如 2026-11-27',
      en: 'must be a date no later than today (China time), e.g. 2026-11-27',
    },
  },
  audited: { MatchingWeights: ownTenant, MatchNotice: ownTenant, OrganizationProfile: ownTenant, Subscription: ownTenant },
  queues: [MATCHING_QUEUE, PROFILE_VIEWS_QUEUE, DIGEST_QUEUE],
  consumes: [
    { queue: MATCHING_QUEUE, events: ['catalog.published', 'catalog.demand_published'] },
    { queue: PROFILE_VIEWS_QUEUE, events: ['catalog.entry_viewed'] },
  ],
  rules({ principal: p, can, roles, subtree, isStaff, isMember }) {
    // A profile: its organisation's own users read it and edit the declared part; tier staff read those of their subtree.
    if (isMember) can(['read', 'update'], 'Profile', { organizationId: p.organizationId });
    if (isStaff) can('read', 'Profile', { tenantId: subtree });
    // Subscriptions are personal: an enterprise's or institution's member, or an expert, manages their own.
    if (isMember || roles.has('expert')) can(['create', 'read', 'update', 'delete'], 'Subscription', { userId: p.userId });
    if (roles.has('platform_admin')) can('create', 'SubscriptionDigest');
    if (isMember) {
      can('read', 'Match', { organizationId: p.organizationId });
      can(['read', 'update'], 'MatchNotice', { recipientOrganizationId: p.organizationId });
    }
    if (roles.has('expert')) can(['read', 'update'], 'MatchNotice', { recipientUserId: p.userId });
    if (isStaff || roles.has('reviewer')) can('read', 'Match', { tenantId: subtree });
    // The weights are the province's, and no secret: every tier's staff may read them.
    if (isStaff) can('read', 'MatchingWeights');
    if (roles.has('platform_admin')) can('update', 'MatchingWeights', { tenantId: subtree });
  },
});
