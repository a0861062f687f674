import type { DataSourceOptions, MigrationInterface } from 'typeorm';
import { AuditSubscriber } from '../audit/audit.subscriber.js';
import { AuthzChangeSubscriber } from '../iam/authz-epoch.js';
import { coreEntities } from './entities.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';

/**
 * The one description of our PostgreSQL connection, shared by the app, the worker,
 * the migration CLI and the tests. `synchronize` is never on: the schema is the migrations.
 */
export function dataSourceOptions(
  databaseUrl: string,
  migrations: (new () => MigrationInterface)[] = [],
  entities: DataSourceOptions['entities'] = coreEntities,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities,
    subscribers: [AuditSubscriber, AuthzChangeSubscriber],
    migrations,
    migrationsTableName: 'schema_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    uuidExtension: 'pgcrypto',
    synchronize: false,
    migrationsRun: false,
    extra: { max: 10, application_name: 'techmarket' },
  };
}
