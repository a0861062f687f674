import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * 判定依据事件: a domain event the policy engine decided on, stored once with the facts it
 * carried (as its producer published them). Decisions point here, so a decision can be
 * explained, re-evaluated and simulated years later from the facts of its day, not today's rows.
 */
@Entity('policy_event')
@Index('policy_event_key', ['eventKey', 'occurredOn'])
export class PolicyEventRecord {
  /** The domain event's own id (its BullMQ job id), so a retried delivery is stored once. */
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_policy_event' })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  type: string;

  /** What the event is about: the original contract (across amendments), a catalog entry, or `code:year`. */
  @Column({ type: 'varchar', length: 64 })
  eventKey: string;

  /** The date that governs the parameters (China date). */
  @Column({ type: 'date' })
  occurredOn: string;

  /** The tenants whose installations the event concerns (the parties' tenants; empty = everywhere). */
  @Index('policy_event_tenants', { synchronize: false })
  @Column({ type: 'uuid', array: true })
  tenantIds: string[];

  /** The event as published: its type, id and facts. */
  @Column({ type: 'jsonb' })
  facts: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  receivedAt: Date;
}
