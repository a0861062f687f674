import { type Keys, ownTenant, registerModule } from '@techmarket/core/module-api';

/** The BullMQ queue of matching runs: published demands, achievements and patents. */
export const MATCHING_QUEUE = 'matching-events';

const SUBJECTS = {
  Match: { zh: '匹配结果', en: 'Match' },
  MatchingWeights: { zh: '匹配权重', en: 'Matching weights' },
  MatchNotice: { zh: '匹配通知', en: 'Match notice' },
};

export const MATCHING_ERRORS = {
  NOTICE_ALREADY_ANSWERED: { status: 409, zh: '已表达过意向', en: 'Interest has already been expressed' },
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
  },
  audited: { MatchingWeights: ownTenant, MatchNotice: ownTenant },
  queues: [MATCHING_QUEUE],
  consumes: [{ queue: MATCHING_QUEUE, events: ['catalog.published', 'catalog.demand_published'] }],
  rules({ principal: p, can, roles, subtree, isStaff, isMember }) {
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
