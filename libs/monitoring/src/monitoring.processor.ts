import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { MONITORING_QUEUE } from './monitoring.registration.js';
import { MonitoringService, SCAN_SCHEDULE } from './monitoring.service.js';

/** Runs scans in the worker: the daily repeatable one (registered here, idempotently) and those the province admin asks for. */
@Processor(MONITORING_QUEUE, { concurrency: 1 })
export class MonitoringProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @Inject(MonitoringService) private readonly monitoring: MonitoringService,
    @InjectQueue(MONITORING_QUEUE) private readonly queue: Queue,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      SCAN_SCHEDULE.id,
      { pattern: SCAN_SCHEDULE.pattern, tz: SCAN_SCHEDULE.tz },
      { name: 'scan', data: { scheduled: true }, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }

  async process(_job: Job): Promise<{ hits: number; created: number; byRule: Record<string, number> }> {
    return this.monitoring.scan();
  }
}
