import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { DataSource, EntityManager } from 'typeorm';
import { type DomainEvent, type DomainEventMap, type DomainEventType, inTransactionHandlers, queuesConsuming } from './queues.js';

/**
 * Publishes domain events on the BullMQ queue of every module that consumes them, after the
 * producing transaction has committed. Core knows neither producers nor consumers: both
 * register with it. Consumers run in the worker and retry on failure; the event id is the
 * job id, so a retried publish never doubles an event.
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

  constructor(@Inject(ModuleRef) private readonly modules: ModuleRef) {}

  async publish<T extends DomainEventType>(type: T, facts: DomainEventMap[T]): Promise<DomainEvent<T>> {
    const event = makeEvent(type, facts);
    await this.enqueue(event as DomainEvent);
    return event;
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
    for (const e of events) await this.enqueue(e);
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
    for (const handler of inTransactionHandlers(type)) await handler(em, event as DomainEvent);
    queued.push(event as DomainEvent);
    return event;
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

function makeEvent<T extends DomainEventType>(type: T, facts: DomainEventMap[T]): DomainEvent<T> {
  return { ...facts, type, eventId: randomUUID(), publishedAt: new Date().toISOString() } as unknown as DomainEvent<T>;
}
