import { SetMetadata } from '@nestjs/common';
import type { Action, SubjectName } from './ability.factory.js';

export const ACCESS_METADATA = 'techmarket:access';

export type AccessRequirement =
  { kind: 'public' } | { kind: 'authenticated' } | { kind: 'ability'; action: Action; subject: Exclude<SubjectName, 'all'> };

/** Open to anyone (login, health, docs). */
export const Public = () => SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies AccessRequirement);

/** Any signed-in user (their own profile, logout). */
export const Authenticated = () => SetMetadata(ACCESS_METADATA, { kind: 'authenticated' } satisfies AccessRequirement);

/**
 * The caller must be able to do `action` on some `subject` (CASL); which records is then
 * decided by the same ability in the service. A route with none of these decorators is
 * refused by the guard, so a forgotten decorator cannot open a route.
 */
export const Authorize = (action: Action, subject: Exclude<SubjectName, 'all'>) =>
  SetMetadata(ACCESS_METADATA, { kind: 'ability', action, subject } satisfies AccessRequirement);
