import { getQueueToken } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type Queue, QueueEvents } from 'bullmq';
import { registeredQueues } from './queues.js';

/** Every registered queue's producer (core's and the modules'), found by name. */
export function queuesByName(modules: ModuleRef): Queue[] {
  return registeredQueues().map((name) => modules.get<Queue>(getQueueToken(name), { strict: false }));
}

/**
 * A job that failed its last attempt is logged as an error naming the queue, the job and the
 * reason — whatever module owns the queue, so no failure is silent. The failed jobs stay in
 * Redis (removeOnFail keeps them) and `GET /health` counts them per queue.
 */
@Injectable()
export class JobFailureLog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('jobs');
  private readonly listeners: QueueEvents[] = [];

  constructor(@Inject(ModuleRef) private readonly modules: ModuleRef) {}

  onApplicationBootstrap(): void {
    for (const queue of queuesByName(this.modules)) {
      const events = new QueueEvents(queue.name, { connection: queue.opts.connection, prefix: queue.opts.prefix });
      events.on('failed', ({ jobId, failedReason }) => void this.report(queue, jobId, failedReason));
      this.listeners.push(events);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.listeners.map((l) => l.close()));
  }

  private async report(queue: Queue, jobId: string, reason: string): Promise<void> {
    const job = await queue.getJob(jobId).catch(() => undefined);
    // An attempt that will be retried is not a failure yet; after the last one it is.
    if (job && job.attemptsMade < (job.opts.attempts ?? 1)) return;
    this.log.error(
      { queue: queue.name, jobId, job: job?.name, attempts: job?.attemptsMade, reason },
      `background job failed for good: ${queue.name} ${job?.name ?? ''} ${jobId}: ${reason}`,
    );
  }
}
