import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { FEN, TenantOwned } from '@techmarket/core/entities';
import type { Reason } from '@techmarket/plugin-api';
import { SubsidyApplication } from './subsidy-application.entity.js';

export const ADJUSTMENT_KINDS = ['top_up', 'recovery'] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];
/** top_up: open → claimed (by the firm) → approved (against the budget); recovery (追回): open → recovered. */
export const ADJUSTMENT_STATUSES = ['open', 'claimed', 'approved', 'recovered'] as const;
export type AdjustmentStatus = (typeof ADJUSTMENT_STATUSES)[number];
export const ADJUSTMENT_LABELS: Record<AdjustmentKind, string> = { top_up: '补差', recovery: '追回' };

/**
 * 补贴调整: a decision changed after its subsidy was approved (an amendment, later money
 * received, a re-evaluation applied, an exclusive group lost). The difference between what the
 * new decision grants and what was granted becomes a top-up the firm can claim or a recovery
 * (追回) to be collected — with its reasons, audited, and counted in the budget when settled.
 */
@Entity('subsidy_adjustment')
@Check('CHK_subsidy_adjustment_amount', 'amount_fen > 0')
export class SubsidyAdjustment extends TenantOwned {
  // tenantId (from TenantOwned): the installing tenant, whose budget pays or is refunded.
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  applicationId: string;

  @ManyToOne(() => SubsidyApplication, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'application_id' })
  application?: SubsidyApplication;

  @Column({ type: 'uuid' })
  applicantOrgId: string;

  @Index()
  @Column({ type: 'uuid' })
  applicantTenantId: string;

  /** The decision the approved subsidy rested on, and the one that replaced it. */
  @Column({ type: 'uuid' })
  fromDecisionId: string;

  @Column({ type: 'uuid' })
  toDecisionId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: AdjustmentKind;

  @Column({ type: 'bigint', transformer: FEN })
  amountFen: number;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: AdjustmentStatus;

  @Column({ type: 'jsonb' })
  reasons: Reason[];

  @Column({ type: 'smallint' })
  budgetYear: number;

  @Column({ type: 'uuid', nullable: true })
  settledBy: string | null;

  /** The payment or recovery voucher (凭证号). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  reference: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
