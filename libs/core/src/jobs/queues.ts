/** Every BullMQ queue of the product, and the payload of each job name (typed jobs). */
export const QueueName = {
  Mail: 'mail',
  PolicyEvents: 'policy-events',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

export interface MailJob {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * Domain events the policy engine consumes (领域事件). Producers (contracts, catalog) only
 * name what happened; the engine reads the facts it needs through their public services.
 */
export type PolicyEventJob =
  | { type: 'contract.registered'; contractId: string }
  | { type: 'payment.received'; contractId: string; paymentId: string }
  | { type: 'catalog.published'; kind: 'achievement' | 'patent'; entryId: string }
  | { type: 'year.closed'; tenantId: string; year: number };

export interface JobPayloads {
  'policy.event': PolicyEventJob;
  'mail.send': MailJob;
}
