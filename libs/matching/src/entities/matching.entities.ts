import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { TenantOwned } from '@techmarket/core/entities';

/**
 * 匹配权重: the weights of the matching factors, as the province admin tuned them. One row, on the
 * root tenant; absent, the defaults of `DEFAULT_WEIGHTS` apply.
 */
@Entity('matching_weights')
@Index('matching_weights_tenant_uq', ['tenantId'], { unique: true })
export class MatchingWeights extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `{ text, field, maturity, price, licence, locality }`, each in [0, 1]. */
  @Column({ type: 'jsonb' })
  weights: Record<string, number>;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * 匹配结果: a candidate for a published demand (achievements, patents, experts) or for a published
 * achievement or patent (enterprises, through their published demands), with its explanation.
 * Derived data, recomputed by the matching job from the catalog; `tenantId` is the source's tenant.
 */
@Entity('match_result')
@Index('match_result_uq', ['sourceId', 'targetKind', 'targetId'], { unique: true })
export class MatchResult extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** demand | achievement | patent */
  @Column({ type: 'varchar', length: 16 })
  sourceKind: string;

  @Column({ type: 'uuid' })
  sourceId: string;

  /** achievement | patent | expert | enterprise */
  @Column({ type: 'varchar', length: 16 })
  targetKind: string;

  /** The entry's id, or for an enterprise its organisation's id. */
  @Column({ type: 'uuid' })
  targetId: string;

  @Column({ type: 'varchar', length: 200 })
  targetTitle: string;

  @Column({ type: 'uuid', nullable: true })
  targetOrganizationId: string | null;

  @Column({ type: 'uuid' })
  targetTenantId: string;

  /** The published entry the match rests on (for an enterprise: its best-matching demand). */
  @Column({ type: 'uuid' })
  viaEntryId: string;

  @Column({ type: 'int' })
  rank: number;

  @Column({ type: 'float8' })
  score: number;

  @Column({ type: 'jsonb' })
  explanation: object;

  @Column({ type: 'timestamptz' })
  computedAt: Date;
}

/**
 * 匹配通知: the owner of a matching achievement or patent, or a matching expert, told about a
 * published demand (in the product and by mail), and whether they answered (表达意向).
 * `tenantId` is the demand's tenant, so the posting tier sees who was told.
 */
@Entity('match_notice')
@Index('match_notice_uq', ['demandId', 'targetKind', 'targetId'], { unique: true })
export class MatchNotice extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  demandId: string;

  @Column({ type: 'varchar', length: 200 })
  demandTitle: string;

  /** achievement | patent | expert */
  @Column({ type: 'varchar', length: 16 })
  targetKind: string;

  @Column({ type: 'uuid' })
  targetId: string;

  @Column({ type: 'varchar', length: 200 })
  targetTitle: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  recipientOrganizationId: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  recipientUserId: string | null;

  /** The addresses mailed (none: told in the product only). */
  @Column({ type: 'text', array: true, default: '{}' })
  mailedTo: string[];

  @Column({ type: 'float8' })
  score: number;

  /** Why they match (the explanation's factors, zh-CN notes). */
  @Column({ type: 'jsonb' })
  reasons: object;

  @CreateDateColumn({ type: 'timestamptz' })
  notifiedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  interestedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  interestedBy: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  interestMessage: string | null;
}
