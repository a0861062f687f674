import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import type { DomainEvent } from '@techmarket/core';
import type { Job } from 'bullmq';
import { CampaignWorkflow } from './campaign-events.js';
import { CAMPAIGN_EVENTS_QUEUE } from './campaigns.registration.js';
import type { PlanJob } from './campaigns.service.js';

type EventJob = PlanJob | DomainEvent<'contract.registered' | 'contract.cancelled'>;

/** Plans launched campaigns and follows the contracts' events (closed loop), in the worker. */
@Processor(CAMPAIGN_EVENTS_QUEUE, { concurrency: 1 })
export class CampaignEventsProcessor extends WorkerHost {
  private readonly logger = new Logger(CampaignEventsProcessor.name);

  constructor(@Inject(CampaignWorkflow) private readonly workflow: CampaignWorkflow) {
    super();
  }

  async process(job: Job<EventJob>): Promise<unknown> {
    try {
      if (job.name === 'campaign.plan') return await this.workflow.plan((job.data as PlanJob).campaignId);
      const e = job.data as DomainEvent<'contract.registered' | 'contract.cancelled'>;
      if (e.type === 'contract.registered') return await this.workflow.contractRegistered(e.contract);
      if (e.type === 'contract.cancelled') return await this.workflow.contractCancelled(e.contract);
      return null;
    } catch (err) {
      this.logger.error(`${job.name} (attempt ${job.attemptsMade + 1}): ${(err as Error).message}`);
      throw err;
    }
  }
}
