import { type Keys, ownTenant, registerModule } from '@techmarket/core/module-api';

export const MONITORING_QUEUE = 'monitoring';

const SUBJECTS = {
  MonitoringFinding: { zh: '异常监测记录', en: 'Monitoring finding' },
  MonitoringRule: { zh: '监测规则', en: 'Monitoring rule' },
  MonitoringScan: { zh: '异常监测扫描', en: 'Monitoring scan' },
};

declare module '@techmarket/core/module-api' {
  interface SubjectRegistry extends Keys<typeof SUBJECTS> {}
}

/**
 * 异常专利转让、许可数据监测 with core. Tier staff and reviewers read the findings of their subtree;
 * staff explain them (`update`), staff and reviewers confirm and close them (`review`); tier staff
 * edit their own subtree's rule thresholds; the platform admin starts a scan (on the root tenant).
 */
registerModule({
  name: 'monitoring',
  subjects: SUBJECTS,
  actions: ['review'],
  fieldMessages: {
    monitoringParam: { zh: '不是该规则的参数，或超出允许范围', en: 'is not a parameter of this rule, or is out of range' },
    unknownTenant: { zh: '没有这个租户代码', en: 'is not a tenant code' },
    unknownRule: { zh: '没有这条监测规则', en: 'is not a monitoring rule' },
  },
  audited: { MonitoringFinding: ownTenant, MonitoringRuleSetting: ownTenant },
  queues: [MONITORING_QUEUE],
  rules({ can, roles, subtree, isStaff }) {
    if (isStaff || roles.has('reviewer')) {
      can('read', 'MonitoringFinding', { tenantId: subtree });
      can('review', 'MonitoringFinding', { tenantId: subtree });
      can('read', 'MonitoringRule', { tenantId: subtree });
    }
    if (isStaff) {
      can('update', 'MonitoringFinding', { tenantId: subtree });
      can(['create', 'update'], 'MonitoringRule', { tenantId: subtree });
    }
    if (roles.has('platform_admin')) can('create', 'MonitoringScan', { tenantId: subtree });
  },
});
