import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { FEN, TenantOwned } from '@techmarket/core/entities';
import { TechContract } from './tech-contract.entity.js';

/** 到账金额: money received on a registered contract, recorded as it arrives. */
@Entity('contract_payment')
@Check('CHK_contract_payment_amount', 'amount_fen > 0')
export class ContractPayment extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  contractId: string;

  @ManyToOne(() => TechContract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id' })
  contract?: TechContract;

  @Column({ type: 'date' })
  receivedOn: string;

  @Column({ type: 'bigint', transformer: FEN })
  amountFen: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
