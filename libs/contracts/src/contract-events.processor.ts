import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { type DomainEvent, MailQueue, UsersService } from '@techmarket/core';
import type { Job } from 'bullmq';
import { CONTRACT_EVENTS_QUEUE } from './contracts.registration.js';

/**
 * The contracts module's own consumer: when a registration is cancelled (撤销登记), the members
 * of both parties are told, from the facts the event carries (number, parties, reason).
 */
@Processor(CONTRACT_EVENTS_QUEUE, { concurrency: 1 })
export class ContractEventsProcessor extends WorkerHost {
  private readonly logger = new Logger(ContractEventsProcessor.name);

  constructor(
    @Inject(MailQueue) private readonly mail: MailQueue,
    @Inject(UsersService) private readonly users: UsersService,
  ) {
    super();
  }

  async process(job: Job<DomainEvent<'contract.cancelled'>>): Promise<number> {
    const { contract: c, cancellation } = job.data;
    const recipients = new Set<string>();
    for (const org of [c.seller, c.buyer]) for (const to of await this.users.recipients({ organizationId: org.id })) recipients.add(to);
    for (const to of recipients) {
      await this.mail.enqueue({
        to,
        subject: `【吉林省科技大市场】技术合同登记已撤销：${c.registrationNumber}`,
        text: [
          `登记编号 ${c.registrationNumber}（${c.contractTypeLabel}，${c.seller.name} → ${c.buyer.name}）的技术合同认定登记已于 ${cancellation.cancelledOn} 撤销。`,
          `撤销原因：${cancellation.reason}`,
        ].join('\n'),
      });
    }
    this.logger.log(`contract ${c.id} cancelled: told ${recipients.size} party members`);
    return recipients.size;
  }
}
