import type { EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';

/**
 * The roll-up's version (统计版本): a Redis counter bumped after every committed transaction that
 * changed `rollup_summary` (a registration, amendment, cancellation or confirmed payment through the
 * in-transaction handler, a rebuild). The statistics route keeps each answer under the version it
 * read before querying, so an answer is reused only while no such transaction has committed since:
 * the bump happens after COMMIT and before the writer's request answers, so a dashboard asked after
 * a registration has answered always reads the new sums, in every API process.
 */
export const ROLLUP_VERSION_KEY = 'rollup-version';

/** Query runners whose open transaction wrote the roll-up's sums. */
const changed = new WeakSet<QueryRunner>();
let bump: (() => Promise<unknown>) | null = null;

/** Registered by the StatisticsCache of each process (it owns the Redis client). */
export function onRollupChange(fn: () => Promise<unknown>): void {
  bump = fn;
}

/**
 * Called by every writer of `rollup_summary` after its statements, on its EntityManager: inside a
 * transaction the version moves after the outermost COMMIT; outside one (autocommit) at once.
 */
export async function markRollupChanged(em: { queryRunner?: QueryRunner }): Promise<void> {
  const qr = em.queryRunner;
  if (qr?.isTransactionActive) changed.add(qr);
  else await bump?.().catch(() => undefined);
}

/** Moves the version after the outermost commit of a transaction marked above; forgets a rolled-back one. */
export class RollupVersionSubscriber implements EntitySubscriberInterface {
  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    // TypeORM also reports the release of a savepoint here; only the outermost commit counts.
    if (event.queryRunner.isTransactionActive || !changed.has(event.queryRunner)) return;
    changed.delete(event.queryRunner);
    await bump?.().catch(() => undefined);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) changed.delete(event.queryRunner);
  }
}
