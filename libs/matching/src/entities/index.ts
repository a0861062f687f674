import { MatchingWeights, MatchNotice, MatchResult } from './matching.entities.js';

export { MatchingWeights, MatchNotice, MatchResult };
/** The matching module's entities, for the app (forFeature) and the migration CLI. */
export const matchingEntities = [MatchingWeights, MatchResult, MatchNotice];
