import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { type DomainEvent, type DomainEventMap, type DomainEventType, inTransactionHandlers, queuesConsuming } from './queues.js';

/**
 * Publishes domain events on the BullMQ queue of every module that consumes them, after the
 * producing transaction has committed. Core knows neither producers nor consumers: both
 * register with it. Consumers run in the worker and retry on failure; the event id is the
 * job id, so a retried publish never doubles an event.
 *
 * Every event a queue consumes is first written to the outbox (`domain_event_outbox`): inside
 * the producer's transaction with `publishInTransaction`, or on its own with `publish`. It is
 * marked once enqueued; `relayPending` (run by the worker) enqueues what a crash or a Redis
 * outage left unmarked. Delivery is therefore at least once: consumers key their work by the
 * event id (docs/decisions/0022-event-outbox.md).
 *
 * A producer that runs its change through `transaction()` may also `publishInTransaction()`:
 * the handlers modules registered for that event type (`registerModule({ inTransaction })`) run
 * synchronously on the producer's EntityManager, so what they write commits or rolls back with
 * the change itself; the event then goes to the queues once the transaction has committed.
 */
@Injectable()
export class DomainEvents {
  /** Events published inside a transaction opened by `transaction()`, queued once it commits. */
  private readonly pending = new WeakMap<EntityManager, DomainEvent[]>();

  constructor(
    @Inject(ModuleRef) private readonly modules: ModuleRef,
    @Inject(DataSource) private readonly ds: DataSource,
  ) {}

  /**
   * Publishes an event outside a transaction: it is stored in the outbox, then enqueued. A
   * producer whose change and event must not part (money, a contract's facts) uses
   * `transaction()` + `publishInTransaction()` instead, so both commit together.
   */
  async publish<T extends DomainEventType>(type: T, facts: DomainEventMap[T]): Promise<DomainEvent<T>> {
    const event = makeEvent(type, facts);
    await this.store(this.ds.manager, event);
    await this.deliver([event]);
    return event as unknown as DomainEvent<T>;
  }

  /**
   * Runs `work` in a transaction on `ds`; the events it published with `publishInTransaction`
   * are added to the consuming queues after the commit (and dropped on a rollback).
   */
  async transaction<R>(ds: DataSource, work: (em: EntityManager) => Promise<R>): Promise<R> {
    let events: DomainEvent[] = [];
    const result = await ds.transaction(async (em) => {
      this.pending.set(em, (events = []));
      return work(em);
    });
    await this.deliver(events);
    return result;
  }

  /**
   * Calls every in-transaction handler registered for `type` with `em` (the producer's
   * transaction), in registration order; a handler's error rolls the whole change back. `em`
   * must come from `transaction()`, so the event is never silently left unqueued.
   */
  async publishInTransaction<T extends DomainEventType>(em: EntityManager, type: T, facts: DomainEventMap[T]): Promise<DomainEvent<T>> {
    const queued = this.pending.get(em);
    if (!queued) throw new Error(`publishInTransaction(${type}) needs the EntityManager of DomainEvents.transaction()`);
    const event = makeEvent(type, facts);
    for (const handler of inTransactionHandlers(type)) await handler(em, event);
    await this.store(em, event);
    queued.push(event);
    return event as unknown as DomainEvent<T>;
  }

  /**
   * Enqueues the outbox's events older than `olderThanMs` that were never marked enqueued, and
   * deletes marked rows older than a week. Rows are locked while relayed (SKIP LOCKED), so two
   * workers relay each event once; BullMQ ignores a job id it still holds. Returns how many it relayed.
   */
  async relayPending(olderThanMs: number): Promise<number> {
    const relayed = await this.ds.transaction(async (em) => {
      const rows: { event: DomainEvent }[] = await em.query(
        `SELECT event FROM domain_event_outbox
          WHERE enqueued_at IS NULL AND created_at < now() - make_interval(secs => $1 / 1000.0)
          ORDER BY created_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
        [olderThanMs],
      );
      for (const { event } of rows) await this.enqueue(event);
      await this.markEnqueued(
        em,
        rows.map((r) => r.event),
      );
      return rows.length;
    });
    await this.ds.query(`DELETE FROM domain_event_outbox WHERE enqueued_at < now() - interval '7 days'`);
    return relayed;
  }

  /** Only events some queue consumes need delivering; the others had their in-transaction handlers. */
  private async store(em: EntityManager, event: DomainEvent): Promise<void> {
    if (queuesConsuming(event.type).length === 0) return;
    await em.query(`INSERT INTO domain_event_outbox (event_id, type, event) VALUES ($1, $2, $3)`, [event.eventId, event.type, event]);
  }

  private async deliver(events: DomainEvent[]): Promise<void> {
    const consumed = events.filter((e) => queuesConsuming(e.type).length > 0);
    if (consumed.length === 0) return;
    for (const e of consumed) await this.enqueue(e);
    await this.markEnqueued(this.ds.manager, consumed);
  }

  private async markEnqueued(em: EntityManager, events: DomainEvent[]): Promise<void> {
    if (events.length === 0) return;
    await em.query(`UPDATE domain_event_outbox SET enqueued_at = now() WHERE event_id = ANY($1::uuid[])`, [events.map((e) => e.eventId)]);
  }

  private async enqueue(event: DomainEvent): Promise<void> {
    for (const name of queuesConsuming(event.type)) {
      const queue = this.modules.get<Queue>(getQueueToken(name), { strict: false });
      await queue.add(event.type, event, {
        jobId: event.eventId,
        attempts: 5,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: 10_000,
        removeOnFail: 10_000,
      });
    }
  }
}

/** The event as it travels; typed as the union so it can be stored, handled and enqueued alike. */
function makeEvent<T extends DomainEventType>(type: T, facts: DomainEventMap[T]): DomainEvent {
  return { ...facts, type, eventId: randomUUID(), publishedAt: new Date().toISOString() } as unknown as DomainEvent;
}
