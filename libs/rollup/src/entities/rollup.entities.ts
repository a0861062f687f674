import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { FEN, Tenant, TenantOwned } from '@techmarket/core/entities';

/**
 * 统计汇总: registered technology contracts summed per tenant on the path, side (登记 / 技术输出 /
 * 技术吸纳), China month and dimension. Kept current in the contracts' own transactions; rebuilt
 * from the contracts by `npm run rollup:rebuild`. A tenant's row counts every contract of its
 * subtree; `childCode` says through which child tenant ('' = the tenant itself).
 */
@Entity('rollup_aggregate')
export class RollupAggregate {
  @PrimaryColumn({ type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  /** registered | output | input */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  side: string;

  /** First day of the China month. */
  @PrimaryColumn({ type: 'date' })
  month: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  contractType: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  field: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  buyerCategory: string;

  @PrimaryColumn({ type: 'varchar', length: 24 })
  sellerCategory: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  flow: string;

  @PrimaryColumn({ type: 'boolean' })
  withPatents: boolean;

  @PrimaryColumn({ type: 'varchar', length: 12 })
  childCode: string;

  @Column({ type: 'int' })
  contracts: number;

  @Column({ type: 'bigint', transformer: FEN })
  amountFen: number;

  @Column({ type: 'bigint', transformer: FEN })
  techTransactionFen: number;

  @Column({ type: 'bigint', transformer: FEN })
  receivedFen: number;

  @Column({ type: 'int' })
  patents: number;
}

/**
 * The statistics route's one-dimensional sums: `rollup_aggregate` summed per tenant, side, China
 * month and one breakdown (`dimension`: contract_type, field, buyer_category, seller_category,
 * flow or child_code; `key`: its value). Kept by the same in-transaction upsert as the aggregates
 * and derived by both rebuilds; a year of the province is ~1,400 rows here against ~101,000 there.
 * A side's totals are the sums over any one dimension (every contract has one contract type).
 */
@Entity('rollup_summary')
export class RollupSummary {
  @PrimaryColumn({ type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  /** registered | output | input */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  side: string;

  /** First day of the China month. */
  @PrimaryColumn({ type: 'date' })
  month: string;

  /** The `rollup_aggregate` column summed over: contract_type | field | buyer_category | seller_category | flow | child_code. */
  @PrimaryColumn({ type: 'varchar', length: 16 })
  dimension: string;

  /** The column's value. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'int' })
  contracts: number;

  @Column({ type: 'bigint', transformer: FEN })
  amountFen: number;

  @Column({ type: 'bigint', transformer: FEN })
  techTransactionFen: number;

  @Column({ type: 'bigint', transformer: FEN })
  receivedFen: number;

  @Column({ type: 'int' })
  patents: number;
}

/** What one amendment chain (keyed by its root contract) adds to the aggregates now. */
@Entity('rollup_contribution')
export class RollupContribution extends TenantOwned {
  // tenantId: the registration tenant.
  @PrimaryColumn({ type: 'uuid' })
  rootId: string;

  /** The chain's current registered contract. */
  @Column({ type: 'uuid' })
  contractId: string;

  @Column({ type: 'date' })
  month: string;

  @Column({ type: 'jsonb' })
  dims: object;

  @Column({ type: 'jsonb' })
  measures: object;

  @Column({ type: 'jsonb' })
  placements: object;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * 目标: a KPI's target for a tenant and year, edited by the province admin: an amount (fen) or a
 * count (`value`), or a year-on-year growth in basis points (`growthBp`, 1000 = 10 %).
 */
@Entity('rollup_target')
@Index('rollup_target_uq', ['tenantId', 'year', 'kpi'], { unique: true })
export class RollupTarget extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 40 })
  kpi: string;

  @Column({ type: 'bigint', nullable: true, transformer: FEN })
  value: number | null;

  @Column({ type: 'int', nullable: true })
  growthBp: number | null;

  /** The document the figure comes from, e.g. 吉政发〔2018〕27号. */
  @Column({ type: 'varchar', length: 200 })
  source: string;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  changedAt: Date;
}

/**
 * 定期通报: a tenant's monthly or annual report of registered technology contracts, produced by
 * the `rollup-reports` job (scheduled, or asked for by the tenant's admin). `data` is the
 * snapshot of the figures the XLSX and the HTML page are made from; the XLSX is stored as made
 * (and mailed to the tenant's admins), so a download is the file that was sent.
 */
@Entity('rollup_report')
@Index('rollup_report_list_idx', ['tenantId', 'createdAt'])
@Check('CHK_rollup_report_kind', `kind IN ('monthly', 'annual')`)
@Check('CHK_rollup_report_status', `status IN ('pending', 'done', 'failed')`)
export class RollupReport extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** monthly | annual */
  @Column({ type: 'varchar', length: 8 })
  kind: string;

  /** `YYYY-MM` (monthly) or `YYYY` (annual). */
  @Column({ type: 'varchar', length: 7 })
  period: string;

  /** pending | done | failed */
  @Column({ type: 'varchar', length: 8, default: 'pending' })
  status: string;

  /** Who asked for it; null: the schedule. */
  @Column({ type: 'uuid', nullable: true })
  requestedBy: string | null;

  @Column({ type: 'jsonb', nullable: true, select: false })
  data?: object | null;

  @Column({ type: 'bytea', nullable: true, select: false })
  xlsx?: Buffer | null;

  /** Where the XLSX was mailed (the tenant's active staff with an address). */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  mailedTo: string[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  error: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
