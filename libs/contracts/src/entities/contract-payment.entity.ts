import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { FEN, TenantOwned } from '@techmarket/core/entities';
import { TechContract } from './tech-contract.entity.js';

/**
 * 到账: money received on a registered contract, recorded with its bank reference as it arrives
 * and confirmed by the other party or the registrar; only confirmed payments count as received.
 */
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

  /** 银行流水号 / 交易参考号 of the transfer. */
  @Column({ type: 'varchar', length: 64 })
  bankReference: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordedBy: string | null;

  /** The party organisation of the user who recorded it (null for a broker or registrar). */
  @Column({ type: 'uuid', nullable: true })
  recordedByOrgId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  confirmedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
