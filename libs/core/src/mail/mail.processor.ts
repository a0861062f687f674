import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import type { Job } from 'bullmq';
import { type MailJob, QueueName } from '../jobs/queues.js';
import { MailSender } from './mail.sender.js';

@Processor(QueueName.Mail)
export class MailProcessor extends WorkerHost {
  constructor(@Inject(MailSender) private readonly sender: MailSender) {
    super();
  }

  async process(job: Job<MailJob>): Promise<string> {
    return this.sender.send(job.data);
  }
}
