import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { TenantOwned } from '@techmarket/core/entities';

export const FINDING_STATUSES = ['open', 'explained', 'confirmed', 'closed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/**
 * 异常监测发现: one hit of a monitoring rule (or a policy plugin's flag), in the review queue of the
 * owning tenant and, through the tree, of every tier above it: open → explained (the tier's
 * explanation) / confirmed (an anomaly confirmed) → closed. Every step is audited.
 */
@Entity('monitoring_finding')
@Index('monitoring_finding_subject_uq', ['rule', 'subjectKey'], { unique: true })
@Index('monitoring_finding_queue_idx', ['tenantId', 'status', 'detectedAt'])
@Check('CHK_monitoring_finding_status', `status IN ('open', 'explained', 'confirmed', 'closed')`)
export class MonitoringFinding extends TenantOwned {
  // tenantId (from TenantOwned): the owning tenant (the contract's registration tenant, the flagging installation's, …).
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32 })
  rule: string;

  @Column({ type: 'varchar', length: 200 })
  subjectKey: string;

  /** The records it is about (contract, organisation, patent, application ids). */
  @Column({ type: 'jsonb' })
  subject: Record<string, unknown>;

  /** 0–100. */
  @Column({ type: 'smallint' })
  score: number;

  /** Why, in Chinese, one line per reason. */
  @Column({ type: 'jsonb' })
  reasons: string[];

  /** The parameters the rule used (the tier's, or the defaults). */
  @Column({ type: 'jsonb' })
  params: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: FindingStatus;

  /** The tier's explanation (说明), when explained. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  explanation: string | null;

  /** What the reviewer concluded, when confirmed or closed. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  resolution: string | null;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @Column({ type: 'timestamptz' })
  detectedAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A tier's thresholds for one rule (a tier admin edits them); tiers below without their own inherit them. */
@Entity('monitoring_rule_setting')
@Index('monitoring_rule_setting_uq', ['tenantId', 'rule'], { unique: true })
export class MonitoringRuleSetting extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 32 })
  rule: string;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'jsonb' })
  params: Record<string, number>;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
