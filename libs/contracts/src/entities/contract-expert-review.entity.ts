import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TenantOwned } from '@techmarket/core/entities';
import { TechContract } from './tech-contract.entity.js';

export const EXPERT_OPINIONS = ['agree', 'disagree'] as const;
export type ExpertOpinion = (typeof EXPERT_OPINIONS)[number];

/**
 * 专家评审: one expert of the catalog's expert pool assigned to review a contract, and the
 * opinion they record. Lives in the contract's registration tenant.
 */
@Entity('contract_expert_review')
@Index('contract_expert_review_uq', ['contractId', 'expertId'], { unique: true })
export class ContractExpertReview extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  contractId: string;

  @ManyToOne(() => TechContract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id' })
  contract?: TechContract;

  /** The catalog's Expert entry. */
  @Column({ type: 'uuid' })
  expertId: string;

  /** The expert's name and organisation as they were when assigned. */
  @Column({ type: 'varchar', length: 32 })
  expertName: string;

  @Column({ type: 'uuid', nullable: true })
  expertOrgId: string | null;

  /** The account linked to the expert entry: the only one who records the opinion. */
  @Index()
  @Column({ type: 'uuid' })
  expertUserId: string;

  @Column({ type: 'uuid' })
  assignedBy: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  opinion: ExpertOpinion | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  comment: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  opinionAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
