import 'reflect-metadata';
import type { ClsService } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import type { RequestContextStore } from '../../libs/core/src/context/request-context.js';
import { dataSourceOptions } from '../../libs/core/src/database/data-source-options.js';
import { defineAbilityFor } from '../../libs/core/src/iam/ability.factory.js';
import { AccessService } from '../../libs/core/src/iam/access.service.js';
import type { Principal } from '../../libs/core/src/iam/principal.js';
import { PrincipalLoader } from '../../libs/core/src/iam/principal.loader.js';
import type { RedisStore } from '../../libs/core/src/redis/redis.module.js';
import { allEntities } from '../../migrations/index.js';
import { createSuiteDatabase } from './databases.js';

/**
 * The medium tier: the product's SQL and repositories on a real PostgreSQL database (a clone of the
 * run's template), through a plain TypeORM DataSource — no Nest application, no HTTP, no Redis.
 */
export async function openDatabase(): Promise<{ ds: DataSource; url: string; close: () => Promise<void> }> {
  const db = await createSuiteDatabase();
  const ds = await new DataSource(dataSourceOptions(db.url, [], allEntities)).initialize();
  return {
    ds,
    url: db.url,
    close: async () => {
      await ds.destroy();
      await db.drop();
    },
  };
}

/**
 * The API's principal loader (its SQL: the account, its roles and its visible subtree) without
 * Redis: with no authorisation epoch to read, every load goes to the database and nothing is cached.
 */
export function principalLoader(ds: DataSource): PrincipalLoader {
  const noRedis = {
    client: {
      get: () => Promise.reject(new Error('no Redis in the medium tier')),
      incr: () => Promise.resolve(0),
    },
  };
  return new PrincipalLoader(ds, noRedis as unknown as RedisStore);
}

/** The principal of a demo account, as the AuthGuard would load it. */
export async function principalOf(ds: DataSource, username: string): Promise<Principal> {
  const [{ id }] = await ds.query(`SELECT id FROM user_account WHERE username = $1`, [username]);
  const principal = await principalLoader(ds).load(id);
  if (!principal) throw new Error(`no active account ${username}`);
  return principal;
}

/**
 * The API's AccessService for one principal: the request context (nestjs-cls in the app) is a
 * plain object holding the principal and its CASL ability, built by the app's ability factory.
 */
export function accessFor(principal: Principal, ability = defineAbilityFor(principal)): AccessService {
  const store: RequestContextStore = { principal, ability };
  const cls = { get: (key: keyof RequestContextStore) => store[key] };
  return new AccessService(cls as unknown as ClsService<RequestContextStore>);
}
