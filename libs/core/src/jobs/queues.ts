/** Every BullMQ queue of the product, and the payload of each job name (typed jobs). */
export const QueueName = {
  Mail: 'mail',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export interface MailJob {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface JobPayloads {
  'mail.send': MailJob;
}
