import { Achievement } from './achievement.entity.js';
import { CatalogImport } from './catalog-import.entity.js';
import { Demand } from './demand.entity.js';
import { Expert } from './expert.entity.js';
import { OpenLicence } from './open-licence.entity.js';
import { Patent } from './patent.entity.js';

export { Achievement, CatalogImport, Demand, Expert, OpenLicence, Patent };
/** The catalog's entities, for the app (forFeature) and the migration CLI. */
export const catalogEntities = [Achievement, Demand, Patent, OpenLicence, Expert, CatalogImport];
