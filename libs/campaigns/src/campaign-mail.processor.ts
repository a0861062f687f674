import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import { CampaignSender } from './campaign-sender.js';
import { campaignsConfig } from './campaigns.config.js';
import { CAMPAIGN_MAIL_QUEUE } from './campaigns.registration.js';

const cfg = campaignsConfig();

/** A campaign mail job: one delivery (the job id is the delivery id). */
export interface MailJobData {
  deliveryId: string;
}

/**
 * The campaign mail worker: rate-limited over all workers by BullMQ's queue limiter
 * (CAMPAIGN_MAIL_PER_SECOND), CAMPAIGN_MAIL_CONCURRENCY mails in flight per process. A killed
 * worker's jobs are taken back after CAMPAIGN_LOCK_MS (stalled); their rows say what to do.
 */
@Processor(CAMPAIGN_MAIL_QUEUE, {
  concurrency: cfg.CAMPAIGN_MAIL_CONCURRENCY,
  limiter: { max: cfg.CAMPAIGN_MAIL_PER_SECOND, duration: 1_000 },
  lockDuration: cfg.CAMPAIGN_LOCK_MS,
  stalledInterval: cfg.CAMPAIGN_LOCK_MS,
  // A job whose worker died is rerun (it then marks its row unknown) rather than failed outright.
  maxStalledCount: 10,
})
export class CampaignMailProcessor extends WorkerHost {
  constructor(@Inject(CampaignSender) private readonly sender: CampaignSender) {
    super();
  }

  async process(job: Job<MailJobData>): Promise<string> {
    const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.sender.deliver(job.data.deliveryId, final);
  }
}
