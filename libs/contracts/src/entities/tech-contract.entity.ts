import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Achievement, Patent } from '@techmarket/catalog/entities';
import { FEN, Organization, TenantOwned } from '@techmarket/core/entities';
import type { ContractDirection, ContractStatus, ContractType } from '../contract-types.js';

export interface PaymentInstalment {
  dueOn: string;
  amountFen: number;
}

/**
 * 技术合同 submitted for 认定登记. Registered where the seller is located (the tenant of the
 * seller organisation), or for a technology import where the domestic buyer is; the
 * registration number is unique per tenant and year.
 */
@Entity('tech_contract')
@Index('tech_contract_due_idx', ['dueOn', 'id'], { where: `status = 'submitted'` })
@Index('tech_contract_registration_uq', ['registrationNumber'], { unique: true, where: 'registration_number IS NOT NULL' })
@Check('CHK_tech_contract_amounts', 'tech_transaction_fen >= 0 AND tech_transaction_fen <= amount_fen')
@Check('CHK_tech_contract_parties', 'seller_org_id <> buyer_org_id')
export class TechContract extends TenantOwned {
  // tenantId (from TenantOwned): the registration tenant: the seller's, or the buyer's for an import.
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 16 })
  contractType: ContractType;

  @Column({ type: 'varchar', length: 32, nullable: true })
  subType: string | null;

  @Index()
  @Column({ type: 'uuid' })
  sellerOrgId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'seller_org_id' })
  seller?: Organization;

  @Index()
  @Column({ type: 'uuid' })
  buyerOrgId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'buyer_org_id' })
  buyer?: Organization;

  /** 技术合同成交额, fen. */
  @Column({ type: 'bigint', transformer: FEN })
  amountFen: number;

  /** 技术交易额: the amount minus non-technical costs (equipment, materials), fen. */
  @Column({ type: 'bigint', transformer: FEN })
  techTransactionFen: number;

  @Column({ type: 'date' })
  signedOn: string;

  @Column({ type: 'date', nullable: true })
  termStart: string | null;

  @Column({ type: 'date', nullable: true })
  termEnd: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  paymentSchedule: PaymentInstalment[];

  /** 已实施转化, declared by the parties. */
  @Column({ type: 'boolean', default: false })
  implemented: boolean;

  /** For institutions: net income of the transfer and the part paid to the inventors (奖励报酬). */
  @Column({ type: 'bigint', nullable: true, transformer: FEN })
  netIncomeFen: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: FEN })
  inventorRewardFen: number | null;

  /** For 作价入股: the new firm's paid-in cash capital (实缴现金), fen. */
  @Column({ type: 'bigint', nullable: true, transformer: FEN })
  paidInCashCapitalFen: number | null;

  /** Each declared fact, confirmed by the registrar from its evidence files (CONTRACT_FACTS). */
  @Column({ type: 'boolean', default: false })
  implementedConfirmed: boolean;

  @Column({ type: 'boolean', default: false })
  netIncomeConfirmed: boolean;

  @Column({ type: 'boolean', default: false })
  inventorRewardConfirmed: boolean;

  @Column({ type: 'boolean', default: false })
  paidInCashCapitalConfirmed: boolean;

  /** domestic, or import (技术引进: registered by the domestic buyer's tenant). */
  @Column({ type: 'varchar', length: 8, default: 'domestic' })
  direction: ContractDirection;

  /** When it was (last) submitted to the registrar: the decision deadline counts from here. */
  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  /** 办结期限: the China date a decision is due, 15 working days after submission (30 with an expert review). */
  @Column({ type: 'date', nullable: true })
  dueOn: string | null;

  /** 技术交易额 ≥ 5,000,000 yuan: experts review it before it is registered. */
  @Column({ type: 'boolean', default: false })
  expertReview: boolean;

  @Column({ type: 'varchar', length: 16, default: 'submitted' })
  status: ContractStatus;

  /** 登记编号: 2-digit year + 6-digit tenant code + 6-digit sequence. */
  @Column({ type: 'varchar', length: 14, nullable: true })
  registrationNumber: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  registeredAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  registeredBy: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  returnReason: string | null;

  /** 撤销登记: when, by whom and why the registration was cancelled. */
  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  cancelledBy: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  cancelReason: string | null;

  /** The registered contract this one amends (变更). */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  amendsId: string | null;

  /** 变更原因, for an amendment. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  amendmentReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  submittedBy: string | null;

  @ManyToMany(() => Patent)
  @JoinTable({ name: 'tech_contract_patent', joinColumn: { name: 'contract_id' }, inverseJoinColumn: { name: 'patent_id' } })
  patents?: Patent[];

  @ManyToMany(() => Achievement)
  @JoinTable({ name: 'tech_contract_achievement', joinColumn: { name: 'contract_id' }, inverseJoinColumn: { name: 'achievement_id' } })
  achievements?: Achievement[];

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
