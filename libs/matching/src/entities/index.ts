import { MatchingWeights, MatchNotice, MatchResult } from './matching.entities.js';
import { OrganizationProfile, ProfileView, Subscription, SubscriptionDigest } from './profile.entities.js';

export { MatchingWeights, MatchNotice, MatchResult, OrganizationProfile, ProfileView, Subscription, SubscriptionDigest };
/** The matching module's entities, for the app (forFeature) and the migration CLI. */
export const matchingEntities = [
  MatchingWeights,
  MatchResult,
  MatchNotice,
  OrganizationProfile,
  ProfileView,
  Subscription,
  SubscriptionDigest,
];
