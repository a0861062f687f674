import {
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
import { FEN, Organization, TenantOwned } from '@techmarket/core/entities';
import { PolicyDecision } from './policy-decision.entity.js';

/** `withdrawn`: the decision it was filed on changed before review; the firm files again on the current one. */
export const APPLICATION_STATUSES = ['submitted', 'approved', 'rejected', 'disbursed', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: '已提交',
  approved: '已批准',
  rejected: '未批准',
  disbursed: '已拨付',
  withdrawn: '已撤回（判定已更新）',
};

/** 补贴申请 filed on an eligible decision by the firm or a county centre on its behalf. */
@Entity('subsidy_application')
@Index('subsidy_application_decision_uq', ['decisionId'], { unique: true, where: `status NOT IN ('rejected', 'withdrawn')` })
export class SubsidyApplication extends TenantOwned {
  // tenantId (from TenantOwned): the installing tenant, whose reviewers decide and whose budget pays.
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  decisionId: string;

  @ManyToOne(() => PolicyDecision, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decision_id' })
  decision?: PolicyDecision;

  @Index()
  @Column({ type: 'uuid' })
  applicantOrgId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'applicant_org_id' })
  applicant?: Organization;

  @Index()
  @Column({ type: 'uuid' })
  applicantTenantId: string;

  @Column({ type: 'uuid' })
  filedBy: string;

  @Column({ type: 'varchar', length: 16, default: 'submitted' })
  status: ApplicationStatus;

  @Column({ type: 'bigint', transformer: FEN })
  amountFen: number;

  @Column({ type: 'smallint' })
  budgetYear: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reviewReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  reviewedBy: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  disbursementRef: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  disbursedAt: Date | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
