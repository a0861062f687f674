import { RollupAggregate, RollupContribution, RollupReport, RollupTarget } from './rollup.entities.js';

export const rollupEntities = [RollupAggregate, RollupContribution, RollupTarget, RollupReport];
export { RollupAggregate, RollupContribution, RollupReport, RollupTarget };
