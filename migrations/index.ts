// Entities come from framework-free entry points so Jest and the CLI load no Nest modules.
import { catalogEntities } from '../libs/catalog/src/entities/index.js';
import { contractEntities } from '../libs/contracts/src/entities/index.js';
import { coreEntities } from '../libs/core/src/database/entities.js';
import { policyEntities } from '../libs/policy/src/entities/index.js';
import { Foundation1795613029064 } from './1795613029064-foundation.js';
import { Catalog1795614764114 } from './1795614764114-catalog.js';
import { ContractsPolicy1795616776727 } from './1795616776727-contracts-policy.js';
import { AmendmentReason1795619626624 } from './1795619626624-amendment-reason.js';

/**
 * Every migration, in order. `npm run migration:generate -- migrations/Name` writes a new file here;
 * add its class to this list (explicit imports work the same in the CLI, the app and Jest).
 */
export const allMigrations = [Foundation1795613029064, Catalog1795614764114, ContractsPolicy1795616776727, AmendmentReason1795619626624];

/** Every entity, for the migration CLI and the schema test (the app registers them per module). */
export const allEntities = [...coreEntities, ...catalogEntities, ...contractEntities, ...policyEntities];
