import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import type { DomainEvent } from '@techmarket/core';
import type { Job, Queue } from 'bullmq';
import { DIGEST_QUEUE, PROFILE_VIEWS_QUEUE } from '../matching.registration.js';
import { DIGEST_SCHEDULES } from '../subscriptions/digest.js';
import { type DigestJob, SubscriptionsService } from '../subscriptions/subscriptions.service.js';
import { ProfilesService } from './profiles.service.js';

/** Records the catalog's `catalog.entry_viewed` for profiles (once per organisation and entry; a retry changes nothing). */
@Processor(PROFILE_VIEWS_QUEUE, { concurrency: 2 })
export class ProfileViewsProcessor extends WorkerHost {
  constructor(@Inject(ProfilesService) private readonly profiles: ProfilesService) {
    super();
  }

  async process(job: Job<DomainEvent<'catalog.entry_viewed'>>): Promise<void> {
    await this.profiles.recordView(job.data);
  }
}

/** The subscription digests: the daily and weekly schedules (registered here, idempotently) and requested runs. */
@Processor(DIGEST_QUEUE, { concurrency: 1 })
export class DigestsProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @Inject(SubscriptionsService) private readonly subscriptions: SubscriptionsService,
    @InjectQueue(DIGEST_QUEUE) private readonly queue: Queue<DigestJob>,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const s of DIGEST_SCHEDULES)
      await this.queue.upsertJobScheduler(
        s.id,
        { pattern: s.pattern, tz: s.tz },
        { name: 'scheduled', data: { frequency: s.frequency }, opts: { removeOnComplete: 100, removeOnFail: 100, attempts: 3 } },
      );
  }

  async process(job: Job<DigestJob>): Promise<unknown> {
    return this.subscriptions.runDigests(job.data);
  }
}
