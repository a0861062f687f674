import type { ClsStore } from 'nestjs-cls';
import type { AppAbility } from '../iam/ability.factory.js';
import type { Principal } from '../iam/principal.js';

/**
 * What the current request carries through AsyncLocalStorage (nestjs-cls): the request id for
 * logs and audit, the principal and its ability. Jobs run without a principal (system actor).
 */
export interface RequestContextStore extends ClsStore {
  requestId?: string;
  principal?: Principal;
  ability?: AppAbility;
}
