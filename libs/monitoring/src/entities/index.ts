import { MonitoringFinding, MonitoringRuleSetting } from './monitoring.entities.js';

export const monitoringEntities = [MonitoringFinding, MonitoringRuleSetting];
export { MonitoringFinding, MonitoringRuleSetting };
export { FINDING_STATUSES, type FindingStatus } from './monitoring.entities.js';
