import { type Keys, ownTenant, registerModule } from '@techmarket/core/module-api';
import { applyContract } from './rollup.store.js';

const SUBJECTS = {
  RollupStatistic: { zh: '统计汇总', en: 'Roll-up statistics' },
  RollupTarget: { zh: '考核目标', en: 'KPI target' },
  RollupReport: { zh: '统计通报', en: 'Periodic report' },
};

/** The reports' queue: the scheduled monthly and annual runs, and the reports tier admins ask for. */
export const ROLLUP_REPORTS_QUEUE = 'rollup-reports';

export const ROLLUP_ERRORS = {
  REPORT_NOT_READY: {
    status: 409,
    zh: '统计通报尚未生成完毕（状态：{status}），请稍后再试',
    en: 'The report is not ready yet (status: {status}); try again shortly',
  },
};

declare module '@techmarket/core/module-api' {
  interface SubjectRegistry extends Keys<typeof SUBJECTS> {}
  interface ErrorCodeRegistry extends Keys<typeof ROLLUP_ERRORS> {}
}

/**
 * 省市县统计汇总 with core. Tier staff and reviewers read the statistics and KPIs of their own
 * subtree (`{ tenantId: subtree }`, checked on the tenant asked about); the platform admin edits
 * targets in its subtree and rebuilds (update on the root tenant). Reports (定期通报) are read like
 * the statistics; a tier's staff ask for their own tenant's. The aggregates follow the
 * contracts' events inside the contracts' own transactions.
 */
registerModule({
  name: 'rollup',
  subjects: SUBJECTS,
  errors: ROLLUP_ERRORS,
  fieldMessages: {
    periodFormat: {
      zh: '应为年份（2025）、季度（2025-Q2）或月份（2025-03）',
      en: 'must be a year (2025), a quarter (2025-Q2) or a month (2025-03)',
    },
    periodOrRange: { zh: '请给出 period，或同时给出 from 和 to', en: 'give period, or both from and to' },
    isMonth: { zh: '应为月份，如 2025-03', en: 'must be a month such as 2025-03' },
    isYear: { zh: '应为四位年份，如 2025', en: 'must be a four-digit year such as 2025' },
    unknownTenant: { zh: '没有这个租户代码', en: 'is not a tenant code' },
    targetIsAmount: { zh: '该指标的目标是年度数值，请填写 value', en: 'this KPI’s target is a yearly figure: give value' },
    reportPeriod: {
      zh: '应为已开始的月份（2025-03，月报）或年份（2025，年报）',
      en: 'must be a month (2025-03, monthly) or a year (2025, annual) that has begun',
    },
    targetIsGrowth: {
      zh: '该指标的目标是同比增幅，请填写 growthPercent',
      en: 'this KPI’s target is a year-on-year growth: give growthPercent',
    },
  },
  audited: { RollupTarget: ownTenant, RollupReport: ownTenant },
  queues: [ROLLUP_REPORTS_QUEUE],
  // ROLLUP_IN_TRANSACTION=off drops the handlers: only for the benchmark's registration cost
  // (`npm run bench -- --rollup`), never in service — the statistics would then need a rebuild.
  inTransaction:
    process.env.ROLLUP_IN_TRANSACTION === 'off'
      ? {}
      : {
          'contract.registered': (em, e) => applyContract(em, e.contract),
          'payment.received': (em, e) => applyContract(em, e.contract),
          'contract.cancelled': (em, e) => applyContract(em, e.contract, true),
        },
  rules({ can, roles, subtree, isStaff, principal }) {
    if (isStaff || roles.has('reviewer')) {
      can('read', 'RollupStatistic', { tenantId: subtree });
      can('read', 'RollupTarget', { tenantId: subtree });
      can('read', 'RollupReport', { tenantId: subtree });
    }
    // A tier's admin asks for its own tenant's report (the schedule makes everyone's).
    if (isStaff) can('create', 'RollupReport', { tenantId: principal.tenantId });
    if (roles.has('platform_admin')) {
      can('update', 'RollupStatistic', { tenantId: subtree });
      can(['create', 'update'], 'RollupTarget', { tenantId: subtree });
    }
  },
});
