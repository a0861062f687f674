import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { ROLLUP_REPORTS_QUEUE } from './rollup.registration.js';
import { REPORT_SCHEDULES, type ReportJob, ReportsService } from './reports.service.js';

/** Makes the reports in the worker: the monthly and annual schedules (registered here, idempotently) and those tier admins ask for. */
@Processor(ROLLUP_REPORTS_QUEUE, { concurrency: 1 })
export class ReportsProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @Inject(ReportsService) private readonly reports: ReportsService,
    @InjectQueue(ROLLUP_REPORTS_QUEUE) private readonly queue: Queue<ReportJob>,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const s of REPORT_SCHEDULES)
      await this.queue.upsertJobScheduler(
        s.id,
        { pattern: s.pattern, tz: s.tz },
        { name: 'scheduled', data: { scheduled: s.kind }, opts: { removeOnComplete: 100, removeOnFail: 100, attempts: 3 } },
      );
  }

  async process(job: Job<ReportJob>): Promise<unknown> {
    const d = job.data;
    return 'reportId' in d ? this.reports.generate(d.reportId) : this.reports.scheduled(d.scheduled, d.today);
  }

  /** After the last attempt a requested report is marked failed, with the error. */
  @OnWorkerEvent('failed')
  async onFailed(job: Job<ReportJob>, error: Error): Promise<void> {
    if ('reportId' in job.data && job.attemptsMade >= (job.opts.attempts ?? 1)) await this.reports.fail(job.data.reportId, error.message);
  }
}
