import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { type PolicyEventJob, QueueName } from './queues.js';

/**
 * Publishes domain events (合同已登记, 到账, 目录发布, 年度结算) on a BullMQ queue, after the
 * producing transaction has committed. Consumers run in the worker and retry on failure.
 */
@Injectable()
export class DomainEvents {
  constructor(@InjectQueue(QueueName.PolicyEvents) private readonly queue: Queue<PolicyEventJob>) {}

  async publish(event: PolicyEventJob): Promise<void> {
    await this.queue.add('policy.event', event, {
      attempts: 5,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: 10_000,
      removeOnFail: 10_000,
    });
  }
}
