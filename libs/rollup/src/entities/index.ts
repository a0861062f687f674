import { RollupAggregate, RollupContribution, RollupTarget } from './rollup.entities.js';

export const rollupEntities = [RollupAggregate, RollupContribution, RollupTarget];
export { RollupAggregate, RollupContribution, RollupTarget };
