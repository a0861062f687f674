import { PluginInstallation } from './plugin-installation.entity.js';
import { PluginParameters } from './plugin-parameters.entity.js';
import { PolicyDecision } from './policy-decision.entity.js';
import { PolicyEventRecord } from './policy-event.entity.js';
import { SubsidyAdjustment } from './subsidy-adjustment.entity.js';
import { SubsidyApplication } from './subsidy-application.entity.js';
import { SubsidyBudget } from './subsidy-budget.entity.js';

export { PluginInstallation, PluginParameters, PolicyDecision, PolicyEventRecord, SubsidyAdjustment, SubsidyApplication, SubsidyBudget };
export { ADJUSTMENT_LABELS } from './subsidy-adjustment.entity.js';
export { APPLICATION_STATUS_LABELS } from './subsidy-application.entity.js';
export const policyEntities = [
  PluginInstallation,
  PluginParameters,
  SubsidyBudget,
  PolicyEventRecord,
  PolicyDecision,
  SubsidyApplication,
  SubsidyAdjustment,
];
