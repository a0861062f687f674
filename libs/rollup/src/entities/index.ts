import { RollupAggregate, RollupContribution, RollupReport, RollupSummary, RollupTarget } from './rollup.entities.js';

export const rollupEntities = [RollupAggregate, RollupSummary, RollupContribution, RollupTarget, RollupReport];
export { RollupAggregate, RollupContribution, RollupReport, RollupSummary, RollupTarget };
