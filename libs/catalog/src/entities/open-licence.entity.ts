import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { FEN, TenantOwned } from '@techmarket/core/entities';
import type { LicenceFeeType } from '../catalog.constants.js';
import { Patent } from './patent.entity.js';

/**
 * 开放许可声明 on a patent. At most one is `declared` at a time; withdrawing keeps the row
 * (with when and why) so the history of what was offered stays visible.
 */
@Entity('open_licence')
@Index('open_licence_one_declared_uq', ['patentId'], { unique: true, where: `status = 'declared'` })
@Check('CHK_open_licence_fee', `fee_type IN ('lump_sum', 'royalty', 'annual')`)
@Check('CHK_open_licence_status', `status IN ('declared', 'withdrawn')`)
export class OpenLicence extends TenantOwned {
  // tenantId (from TenantOwned): the patent's tenant, copied so the audit log and scoping need no join.
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  patentId: string;

  @ManyToOne(() => Patent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'patent_id' })
  patent?: Patent;

  @Column({ type: 'varchar', length: 16 })
  feeType: LicenceFeeType;

  /** Lump sum or annual fee in fen; null for royalties and free licences. */
  @Column({ type: 'bigint', nullable: true, transformer: FEN })
  feeFen: number | null;

  /** Royalty in basis points of sales (万分之一), for `royalty`. */
  @Column({ type: 'integer', nullable: true })
  royaltyBasisPoints: number | null;

  /** 支付方式, free text such as 合同生效后 30 日内一次性支付. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  paymentMethod: string | null;

  @Column({ type: 'date' })
  periodStart: string;

  @Column({ type: 'date' })
  periodEnd: string;

  /** 免费许可. */
  @Column({ type: 'boolean', default: false })
  isFree: boolean;

  /** 先用后付. */
  @Column({ type: 'boolean', default: false })
  useFirstPayLater: boolean;

  @Column({ type: 'varchar', length: 16, default: 'declared' })
  status: 'declared' | 'withdrawn';

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  withdrawReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  declaredBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  declaredAt: Date;
}
