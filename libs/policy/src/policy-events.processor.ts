import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { type PolicyEventJob, QueueName } from '@techmarket/core';
import type { Job } from 'bullmq';
import { PolicyEngine } from './policy-engine.service.js';

/** Consumes domain events in the worker; a failure is retried by BullMQ (the job is idempotent: decisions are replaced, not added). */
@Processor(QueueName.PolicyEvents, { concurrency: 1 })
export class PolicyEventsProcessor extends WorkerHost {
  constructor(@Inject(PolicyEngine) private readonly engine: PolicyEngine) {
    super();
  }

  async process(job: Job<PolicyEventJob>): Promise<number> {
    return this.engine.handle(job.data);
  }
}
