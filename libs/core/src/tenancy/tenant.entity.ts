import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** 层级: 省级平台 / 市州分市场 / 县级服务中心. */
export const TENANT_TIERS = ['province', 'city', 'county'] as const;
export type TenantTier = (typeof TENANT_TIERS)[number];

/** An administrative division (行政区划) or a body that is not one (长白山管委会, 开发区). */
export const TENANT_KINDS = ['administrative', 'non_administrative'] as const;
export type TenantKind = (typeof TENANT_KINDS)[number];

/**
 * 租户: one node of the province → city → county tree, keyed by its GB/T 2260 code
 * (or a statistical code for non-administrative bodies). `path` is the materialized
 * path of codes (ltree), so ancestors and descendants are one indexed query.
 */
@Entity('tenant')
@Check('CHK_tenant_tier', `"tier" IN ('province', 'city', 'county')`)
@Check('CHK_tenant_kind', `"kind" IN ('administrative', 'non_administrative')`)
@Check('CHK_tenant_root', `("tier" = 'province') = ("parent_id" IS NULL)`)
export class Tenant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 12 })
  code: string;

  /** Official name, e.g. 长春市. */
  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  tier: TenantTier;

  @Column({ type: 'varchar', length: 24 })
  kind: TenantKind;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  /** GiST index created by the migration (TypeORM cannot declare the operator class). */
  @Index('tenant_path_gist_idx', { synchronize: false })
  @Column({ type: 'ltree' })
  path: string;

  /** Name shown on the sub-market's pages, e.g. 长春科技大市场; set by the tenant itself. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  displayName: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  contactName: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  contactPhone: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  contactEmail: string | null;

  /** Whether this sub-market is open for trading (分市场是否开放). */
  @Column({ type: 'boolean', default: false })
  subMarketOpen: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
