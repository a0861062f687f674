import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * 事件发件箱 — a domain event written in the same transaction as the change it reports, so that
 * a process dying between the commit and the BullMQ enqueue loses nothing: the relay enqueues what
 * was never marked enqueued. Rows are kept a week for tracing, then deleted. Not tenant-owned:
 * the facts inside carry their own tenants. docs/decisions/0022-event-outbox.md
 */
@Entity('domain_event_outbox')
@Index('IDX_domain_event_outbox_pending', ['createdAt'], { where: 'enqueued_at IS NULL' })
export class DomainEventOutbox {
  /** The event id, also the BullMQ job id: enqueuing it twice is a no-op while the job is kept. */
  @PrimaryColumn('uuid')
  eventId!: string;

  @Column('text')
  type!: string;

  /** The whole event as consumers receive it (type, eventId, publishedAt and the facts). */
  @Column('jsonb')
  event!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { nullable: true })
  enqueuedAt!: Date | null;
}
