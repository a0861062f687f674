import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { type MailJob, QueueName } from '../jobs/queues.js';

/** Enqueues mail; a worker sends it (retries with backoff if the SMTP server is down). */
@Injectable()
export class MailQueue {
  constructor(@InjectQueue(QueueName.Mail) private readonly queue: Queue<MailJob>) {}

  /**
   * `jobId`: a key the caller derives from what it sends (e.g. an event id and a recipient), so that
   * enqueuing the same mail again — a retried job, a relayed event — is a no-op while BullMQ still
   * holds the first (sent or waiting).
   */
  async enqueue(mail: MailJob, opts: { jobId?: string } = {}): Promise<void> {
    await this.queue.add('mail.send', mail, {
      jobId: opts.jobId,
      attempts: 5,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: 1_000,
      removeOnFail: 5_000,
    });
  }
}
