// Entities come from the framework-free `/entities` entry points so Jest and the CLI load no Nest modules.
import { catalogEntities } from '@techmarket/catalog/entities';
import { contractEntities } from '@techmarket/contracts/entities';
import { coreEntities } from '@techmarket/core/entities';
import { policyEntities } from '@techmarket/policy/entities';
import { monitoringEntities } from '@techmarket/monitoring/entities';
import { rollupEntities } from '@techmarket/rollup/entities';
import { matchingEntities } from '@techmarket/matching/entities';
import { campaignsEntities } from '@techmarket/campaigns/entities';
import { Foundation1795613029064 } from './1795613029064-foundation.js';
import { Catalog1795614764114 } from './1795614764114-catalog.js';
import { ContractsPolicy1795616776727 } from './1795616776727-contracts-policy.js';
import { AmendmentReason1795619626624 } from './1795619626624-amendment-reason.js';
import { PolicyEventFacts1795700000000 } from './1795700000000-policy-event-facts.js';
import { GoverningDates1795700000001 } from './1795700000001-governing-dates.js';
import { SubsidyAdjustments1795700000002 } from './1795700000002-subsidy-adjustments.js';
import { OrganizationFacts1795839485676 } from './1795839485676-organization-facts.js';
import { ContractRegistrarPractice1795839486217 } from './1795839486217-contract-registrar-practice.js';
import { Rollup1795900000000 } from './1795900000000-rollup.js';
import { Monitoring1796000000000 } from './1796000000000-monitoring.js';
import { Matching1795900000001 } from './1795900000001-matching.js';
import { RollupReports1796100000000 } from './1796100000000-rollup-reports.js';
import { RollupSummary1796200000000 } from './1796200000000-rollup-summary.js';
import { EventOutbox1796300000000 } from './1796300000000-event-outbox.js';
import { ProfilesSubscriptions1796300000018 } from './1796300000018-profiles-subscriptions.js';
import { Campaigns1796319000000 } from './1796319000000-campaigns.js';
import { MatchLoop1796320000000 } from './1796320000000-match-loop.js';
import { DemandIpc1796400000000 } from './1796400000000-demand-ipc.js';
import { CampaignDeliveryReview1796400000001 } from './1796400000001-campaign-delivery-review.js';

/**
 * Every migration, in order. `npm run migration:generate -- migrations/Name` writes a new file here;
 * add its class to this list (explicit imports work the same in the CLI, the app and Jest).
 */
export const allMigrations = [
  Foundation1795613029064,
  Catalog1795614764114,
  ContractsPolicy1795616776727,
  AmendmentReason1795619626624,
  PolicyEventFacts1795700000000,
  GoverningDates1795700000001,
  SubsidyAdjustments1795700000002,
  OrganizationFacts1795839485676,
  ContractRegistrarPractice1795839486217,
  Rollup1795900000000,
  Matching1795900000001,
  Monitoring1796000000000,
  RollupReports1796100000000,
  RollupSummary1796200000000,
  EventOutbox1796300000000,
  ProfilesSubscriptions1796300000018,
  Campaigns1796319000000,
  MatchLoop1796320000000,
  DemandIpc1796400000000,
  CampaignDeliveryReview1796400000001,
];

/** Every entity, for the migration CLI and the schema test (the app registers them per module). */
export const allEntities = [
  ...coreEntities,
  ...catalogEntities,
  ...contractEntities,
  ...policyEntities,
  ...rollupEntities,
  ...monitoringEntities,
  ...matchingEntities,
  ...campaignsEntities,
];
