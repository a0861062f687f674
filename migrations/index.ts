import { Foundation1795613029064 } from './1795613029064-foundation.js';

/**
 * Every migration, in order. `npm run migration:generate -- Name` writes a new file here;
 * add its class to this list (explicit imports work the same in the CLI, the app and Jest).
 */
export const allMigrations = [Foundation1795613029064];
