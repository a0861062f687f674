import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { type MailJob, QueueName } from '../jobs/queues.js';

/** Enqueues mail; a worker sends it (retries with backoff if the SMTP server is down). */
@Injectable()
export class MailQueue {
  constructor(@InjectQueue(QueueName.Mail) private readonly queue: Queue<MailJob>) {}

  async enqueue(mail: MailJob): Promise<void> {
    await this.queue.add('mail.send', mail, {
      attempts: 5,
      backoff: { type: 'exponential', delay: 2_000 },
      removeOnComplete: 1_000,
      removeOnFail: 5_000,
    });
  }
}
