import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { FEN, TenantOwned } from '@techmarket/core/entities';
import type { Effects, Reason } from '@techmarket/plugin-api';
import { PluginInstallation } from './plugin-installation.entity.js';
import { PluginParameters } from './plugin-parameters.entity.js';
import { PolicyEventRecord } from './policy-event.entity.js';

/**
 * 政策判定: what one installed plugin decided about one subject for one event, with the
 * parameter version it used. Kept forever; a later event or an explicit re-evaluation adds a
 * new decision and marks this one no longer current — it never rewrites it.
 */
@Entity('policy_decision')
@Index('policy_decision_lookup', ['eventKey', 'installationId', 'subjectOrgId'])
// 互斥组, guaranteed by the database: at most one current, eligible, paying decision per matter and group.
@Index('policy_decision_one_per_group', ['eventKey', 'exclusiveGroup'], {
  unique: true,
  where: 'current AND eligible AND amount_fen > 0 AND exclusive_group IS NOT NULL',
})
export class PolicyDecision extends TenantOwned {
  // tenantId (from TenantOwned): the installing tenant (whose budget pays).
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  installationId: string;

  @ManyToOne(() => PluginInstallation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'installation_id' })
  installation?: PluginInstallation;

  @Column({ type: 'varchar', length: 64 })
  pluginId: string;

  @Column({ type: 'varchar', length: 16 })
  pluginVersion: string;

  @Column({ type: 'uuid' })
  parametersId: string;

  @ManyToOne(() => PluginParameters, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parameters_id' })
  parameters?: PluginParameters;

  @Column({ type: 'integer' })
  parametersVersion: number;

  @Column({ type: 'varchar', length: 32 })
  eventType: string;

  /** The stored event (with its facts) this decision was made on; null only for decisions older than fact storage. */
  @Index('IDX_policy_decision_event_id')
  @Column({ type: 'uuid', nullable: true })
  eventId: string | null;

  @ManyToOne(() => PolicyEventRecord, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'FK_policy_decision_event' })
  event?: PolicyEventRecord;

  /** What the event named (type, ids), for lookups by contract or entry. */
  @Column({ type: 'jsonb' })
  eventPayload: Record<string, unknown>;

  /** What the event is about: the original contract id (across amendments), a catalog entry id, or `tenant:year`. */
  @Column({ type: 'varchar', length: 64 })
  eventKey: string;

  @Column({ type: 'date' })
  eventDate: string;

  /** 适用日期: the date that picked the parameters (the plugin declares which: signing, registration, money received). */
  @Column({ type: 'date', nullable: true })
  governingDate: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  governingBasis: 'signed' | 'registered' | 'received' | 'event' | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  subjectOrgId: string | null;

  /** The subject's tenant, so a county sees the decisions about its firms. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  subjectTenantId: string | null;

  @Column({ type: 'boolean' })
  eligible: boolean;

  @Column({ type: 'bigint', transformer: FEN })
  amountFen: number;

  @Column({ type: 'jsonb' })
  reasons: Reason[];

  @Column({ type: 'jsonb' })
  figures: Record<string, unknown>;

  @Column({ type: 'jsonb', nullable: true })
  effects: Effects | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  exclusiveGroup: string | null;

  @Column({ type: 'boolean', default: true })
  current: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
