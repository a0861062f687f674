import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TenantOwned } from '@techmarket/core/entities';
import type { ContractFact } from '../contract-types.js';
import { TechContract } from './tech-contract.entity.js';

/**
 * 证明材料: a file declaring one fact of a contract (implementation, net income, inventor
 * reward, paid-in cash capital). The bytes live in PostgreSQL, in the same transaction as the
 * declaration and its audit entry (see README, contracts).
 */
@Entity('contract_evidence')
export class ContractEvidence extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  contractId: string;

  @ManyToOne(() => TechContract, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contract_id' })
  contract?: TechContract;

  @Column({ type: 'varchar', length: 24 })
  fact: ContractFact;

  @Column({ type: 'varchar', length: 200 })
  fileName: string;

  /** application/pdf, image/jpeg or image/png, from the file's first bytes. */
  @Column({ type: 'varchar', length: 32 })
  mediaType: string;

  @Column({ type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'bytea', select: false })
  content?: Buffer;

  @Column({ type: 'uuid' })
  uploadedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
