import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import type { DomainEvent } from '@techmarket/core';
import type { Job } from 'bullmq';
import { MatchingEngine } from './matching.engine.js';
import { MATCHING_QUEUE } from './matching.registration.js';

/**
 * Matching for newly published entries, in the worker: a demand gets its achievements, patents and
 * experts (and their owners are told); an achievement or patent its enterprises. A retry recomputes
 * the same results and finds the notices already claimed.
 */
@Processor(MATCHING_QUEUE, { concurrency: 1 })
export class MatchingEventsProcessor extends WorkerHost {
  private readonly logger = new Logger(MatchingEventsProcessor.name);

  constructor(@Inject(MatchingEngine) private readonly engine: MatchingEngine) {
    super();
  }

  async process(job: Job<DomainEvent<'catalog.published' | 'catalog.demand_published'>>): Promise<unknown> {
    const e = job.data;
    try {
      if (e.type === 'catalog.demand_published') return await this.engine.handleDemand(e.entry.id);
      return await this.engine.handleSupply(e.kind, e.entry.id);
    } catch (err) {
      // BullMQ retries with backoff; say why, or a failing run is invisible.
      this.logger.error(`matching ${e.type} ${e.entry.id} (attempt ${job.attemptsMade + 1}): ${(err as Error).message}`);
      throw err;
    }
  }
}
