/**
 * BullMQ queues and domain events. Core owns the mail queue; a module declares its own queues
 * and the domain events it consumes with `registerModule`, and the event types it publishes by
 * declaration merging on `DomainEventMap`. Framework-free: no Nest, no BullMQ here.
 */
import type { EntityManager } from 'typeorm';

export const QueueName = {
  Mail: 'mail',
} as const;

/** A file sent with a mail. The job travels through Redis as JSON, so the content is base64. */
export interface MailAttachment {
  filename: string;
  /** The file's bytes, base64-encoded. */
  content: string;
  contentType: string;
}

export interface MailJob {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
}

/**
 * Every domain event (领域事件) type and the facts it carries, added by the producing module:
 * `declare module '@techmarket/core/module-api' { interface DomainEventMap { 'contract.registered': {...} } }`.
 * An event carries the facts its consumers need, built by the module that owns them, so no
 * consumer reads another module's tables.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the producing modules
export interface DomainEventMap {}
export type DomainEventType = keyof DomainEventMap & string;

/** An event as it travels: its type, a unique id (the job id; retries never duplicate it) and its facts. */
export type DomainEvent<T extends DomainEventType = DomainEventType> = {
  [K in T]: { type: K; eventId: string; publishedAt: string } & DomainEventMap[K];
}[T];

const QUEUES = new Set<string>([QueueName.Mail]);
const CONSUMERS = new Map<string, Set<string>>();

export function registerQueues(owner: string, names: string[]): void {
  for (const n of names) {
    if (QUEUES.has(n)) throw new Error(`${owner} registers the queue ${n}, which is already taken`);
    QUEUES.add(n);
  }
}

/** A module's queue receives every event of these types (fan-out: each consumer gets its own copy). */
export function registerEventConsumer(owner: string, c: { queue: string; events: string[] }): void {
  if (!QUEUES.has(c.queue)) throw new Error(`${owner} consumes events on the unregistered queue ${c.queue}`);
  for (const e of c.events) CONSUMERS.set(e, new Set([...(CONSUMERS.get(e) ?? []), c.queue]));
}

/**
 * A handler that runs inside the producer's transaction when an event of its type is published
 * with `DomainEvents.publishInTransaction` (e.g. statistics kept current with the change). It
 * gets the producer's EntityManager.
 */
export type InTransactionHandler<T extends DomainEventType = DomainEventType> = (em: EntityManager, event: DomainEvent<T>) => Promise<void>;

const IN_TRANSACTION = new Map<string, { owner: string; handler: InTransactionHandler }[]>();

export function registerInTransactionHandler(owner: string, eventType: string, handler: InTransactionHandler): void {
  IN_TRANSACTION.set(eventType, [...(IN_TRANSACTION.get(eventType) ?? []), { owner, handler }]);
}

export function inTransactionHandlers(eventType: string): InTransactionHandler[] {
  return (IN_TRANSACTION.get(eventType) ?? []).map((h) => h.handler);
}

export function registeredQueues(): string[] {
  return [...QUEUES];
}

export function queuesConsuming(eventType: string): string[] {
  return [...(CONSUMERS.get(eventType) ?? [])];
}
