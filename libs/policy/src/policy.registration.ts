import { type Keys, ownTenant, registerModule } from '@techmarket/core/module-api';

/** The queue on which the policy engine receives the domain events it decides on. */
export const POLICY_EVENTS_QUEUE = 'policy-events';

/** The domain events policies react to (their producers: contracts, catalog, and this module's year close). */
export const POLICY_EVENT_TYPES = ['contract.registered', 'payment.received', 'catalog.published', 'year.closed'] as const;

/** Events about contracts the engine records without asking plugins: a cancellation withdraws, a confirmation updates the facts. */
export const CONTRACT_LIFECYCLE_EVENTS = ['contract.cancelled', 'contract.facts_confirmed'] as const;

const SUBJECTS = {
  PluginInstallation: { zh: '政策插件', en: 'Policy plugin installation' },
  PolicyDecision: { zh: '政策判定', en: 'Policy decision' },
  SubsidyApplication: { zh: '补贴申请', en: 'Subsidy application' },
  SubsidyAdjustment: { zh: '补贴调整（补差或追回）', en: 'Subsidy adjustment' },
};

export const POLICY_ERRORS = {
  PLUGIN_TIER_MISMATCH: {
    status: 409,
    zh: '插件“{plugin}”只能由{allowed}安装',
    en: 'The plugin “{plugin}” can only be installed by {allowed}',
  },
  PLUGIN_ALREADY_INSTALLED: { status: 409, zh: '本级已安装插件“{plugin}”', en: 'The plugin “{plugin}” is already installed here' },
  EVENT_GONE: {
    status: 409,
    zh: '该事件的对象已不存在或不再有效，无法重新判定',
    en: 'The subject of this event no longer exists or is no longer valid; it cannot be re-evaluated',
  },
  DECISION_NOT_REEVALUABLE: {
    status: 409,
    zh: '插件已卸载或该对象不再适用，无法重新判定',
    en: 'The plugin was uninstalled or no longer applies to this subject; it cannot be re-evaluated',
  },
  DECISION_NOT_FILEABLE: {
    status: 409,
    zh: '该判定不是当前有效的“符合条件”判定，不能申请',
    en: 'Only a current, eligible decision can be applied for',
  },
  APPLICATION_DUPLICATE: {
    status: 409,
    zh: '已就该事项提交过本项补贴申请',
    en: 'An application for this subsidy and this matter has already been filed',
  },
  BUDGET_EXCEEDED: {
    status: 409,
    zh: '{year} 年度预算不足：预算 {budget}，已批准 {approved}，本申请 {amount}',
    en: 'The {year} budget is not enough: budget {budget}, approved {approved}, this application {amount}',
  },
  BUDGET_NOT_SET: { status: 409, zh: '未设置 {year} 年度预算，不能批准', en: 'No budget is set for {year}; nothing can be approved' },
  FACTS_UNCONFIRMED: {
    status: 409,
    zh: '该补贴依据的合同事实尚未经登记机构核验：{facts}',
    en: 'The contract facts this subsidy rests on are not yet confirmed by the registrar: {facts}',
  },
  DECISION_CHANGED: {
    status: 409,
    zh: '该申请所依据的判定已更新或不再符合条件，请就当前判定重新申请',
    en: 'The decision this application rests on has changed or is no longer eligible; apply on the current decision',
  },
  EXCLUSIVE_GROUP_TAKEN: {
    status: 409,
    zh: '同一事项已有互斥政策“{plugin}”的补贴申请或已获补贴（须先追回），不能重复享受',
    en: 'The exclusive policy “{plugin}” already has an application or a grant for this matter (recover it first)',
  },
} as const;

declare module '@techmarket/core/module-api' {
  interface SubjectRegistry extends Keys<typeof SUBJECTS> {}
  interface ActionRegistry {
    review: true;
  }
  interface ErrorCodeRegistry extends Keys<typeof POLICY_ERRORS> {}
}

/**
 * 政策插件引擎 with core. Policies are public; a tier's own admin installs and configures them
 * for its own tenant only. Decisions are read by the subject organisation and the tenant
 * chain; a tenant's own reviewers and admins review subsidy applications against its budget.
 */
registerModule({
  name: 'policy',
  subjects: SUBJECTS,
  actions: ['review'],
  errors: POLICY_ERRORS,
  labels: { PluginParameters: { zh: '参数版本', en: 'Parameter version' }, SubsidyBudget: { zh: '年度预算', en: 'Annual budget' } },
  fieldMessages: { pluginParam: { zh: '{0}', en: '{0}' } },
  audited: Object.fromEntries(
    ['PluginInstallation', 'PluginParameters', 'SubsidyBudget', 'PolicyDecision', 'SubsidyApplication', 'SubsidyAdjustment'].map((e) => [
      e,
      ownTenant,
    ]),
  ),
  queues: [POLICY_EVENTS_QUEUE],
  consumes: [{ queue: POLICY_EVENTS_QUEUE, events: [...POLICY_EVENT_TYPES, ...CONTRACT_LIFECYCLE_EVENTS] }],
  rules({ principal: p, can, roles, subtree, isStaff, isMember }) {
    if (isMember) {
      can('read', 'PolicyDecision', { subjectOrgId: p.organizationId });
      can(['create', 'read'], ['SubsidyApplication', 'SubsidyAdjustment'], { applicantOrgId: p.organizationId });
    }
    if (isStaff || roles.has('reviewer')) {
      can('read', 'PolicyDecision', { tenantId: subtree });
      can('read', 'PolicyDecision', { subjectTenantId: subtree });
      can('read', ['SubsidyApplication', 'SubsidyAdjustment'], { tenantId: subtree });
      can('read', ['SubsidyApplication', 'SubsidyAdjustment'], { applicantTenantId: subtree });
      can('review', ['SubsidyApplication', 'SubsidyAdjustment'], { tenantId: p.tenantId });
    }
    if (isStaff) {
      // A county centre files on behalf of the firms of its county (代为申请).
      can('create', ['SubsidyApplication', 'SubsidyAdjustment'], { applicantTenantId: subtree });
      can(['create', 'update', 'delete', 'review'], 'PluginInstallation', { tenantId: p.tenantId });
    }
    can('read', 'PluginInstallation');
  },
});
