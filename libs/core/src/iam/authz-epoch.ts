import {
  type EntitySubscriberInterface,
  EventSubscriber,
  type InsertEvent,
  type QueryRunner,
  type RemoveEvent,
  type TransactionCommitEvent,
  type UpdateEvent,
} from 'typeorm';

/**
 * The authorisation epoch: a Redis counter bumped after every committed change to what a
 * principal is made of (accounts and the tenant tree). API processes cache principals keyed
 * by it, so a role change or a deactivation still takes effect on the next request, on every
 * process, without a PostgreSQL query per request.
 */
export const AUTHZ_EPOCH_KEY = 'authz-epoch';
const PRINCIPAL_ENTITIES = new Set(['UserAccount', 'Tenant']);

let bump: (() => Promise<unknown>) | null = null;

/** Registered by the PrincipalLoader of each process (it owns the Redis client). */
export function onAuthzChange(fn: () => Promise<unknown>): void {
  bump = fn;
}

/** Query runners whose open transaction changed an account or a tenant (TypeORM swaps `queryRunner.data` during saves, so it cannot carry this). */
const changed = new WeakSet<QueryRunner>();

function mark(queryRunner: QueryRunner | undefined, entity: string): void {
  if (queryRunner && PRINCIPAL_ENTITIES.has(entity)) changed.add(queryRunner);
}

@EventSubscriber()
export class AuthzChangeSubscriber implements EntitySubscriberInterface {
  afterInsert(event: InsertEvent<unknown>): void {
    mark(event.queryRunner, event.metadata.name);
  }

  afterUpdate(event: UpdateEvent<unknown>): void {
    mark(event.queryRunner, event.metadata.name);
  }

  afterRemove(event: RemoveEvent<unknown>): void {
    mark(event.queryRunner, event.metadata.name);
  }

  /** After commit, never before: a process that reloads in between would otherwise cache the old rows under the new epoch. */
  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    // TypeORM also reports the release of a savepoint here; only the outermost commit counts.
    if (event.queryRunner.isTransactionActive || !changed.has(event.queryRunner)) return;
    changed.delete(event.queryRunner);
    await bump?.().catch(() => undefined);
  }
}
