import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { type DomainEvent, type DomainEventMap, type DomainEventType, queuesConsuming } from './queues.js';

/**
 * Publishes domain events on the BullMQ queue of every module that consumes them, after the
 * producing transaction has committed. Core knows neither producers nor consumers: both
 * register with it. Consumers run in the worker and retry on failure; the event id is the
 * job id, so a retried publish never doubles an event.
 */
@Injectable()
export class DomainEvents {
  constructor(@Inject(ModuleRef) private readonly modules: ModuleRef) {}

  async publish<T extends DomainEventType>(type: T, facts: DomainEventMap[T]): Promise<DomainEvent<T>> {
    const event = { ...facts, type, eventId: randomUUID(), publishedAt: new Date().toISOString() } as unknown as DomainEvent<T>;
    for (const name of queuesConsuming(type)) {
      const queue = this.modules.get<Queue>(getQueueToken(name), { strict: false });
      await queue.add(type, event, {
        jobId: event.eventId,
        attempts: 5,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: 10_000,
        removeOnFail: 10_000,
      });
    }
    return event;
  }
}
