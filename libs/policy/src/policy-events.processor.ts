import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { ContractLifecycleEvent, PolicyDomainEvent } from './engine/engine-event.js';
import { PolicyEngine } from './policy-engine.service.js';
import { POLICY_EVENTS_QUEUE } from './policy.registration.js';

/**
 * Consumes domain events in the worker; a failure is retried by BullMQ. Retries are safe: the
 * event is stored once (by its id) and its decisions replace, never add to, the current ones.
 */
@Processor(POLICY_EVENTS_QUEUE, { concurrency: 1 })
export class PolicyEventsProcessor extends WorkerHost {
  constructor(@Inject(PolicyEngine) private readonly engine: PolicyEngine) {
    super();
  }

  async process(job: Job<PolicyDomainEvent | ContractLifecycleEvent>): Promise<number> {
    return this.engine.handle(job.data);
  }
}
