import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { FEN } from '../database/money-column.js';
import { TenantOwned } from '../tenancy/tenant-owned.js';

/** 高校院所 / 企业 / 金融投资机构 / 服务机构. */
export const ORGANIZATION_TYPES = ['university_institute', 'enterprise', 'bank_investor', 'service_institution'] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

/**
 * 机构: a university, enterprise, bank or service institution, registered in a tenant of the tree
 * (usually the one where it is located; a partner from another province, e.g. a Zhejiang firm in
 * 吉浙 cooperation, is registered under the tenant that works with it) and located in its own
 * administrative division (`divisionCode`).
 *
 * The statuses (中小企业 / 专精特新 / 高新技术企业) and the founding facts are the values tier staff
 * confirmed; where each came from is an `OrganizationFactSource`. Only `OrganizationFactsService`
 * writes them (CASL refuses them on create and update).
 */
@Entity('organization')
@Check('CHK_organization_type', `"type" IN ('university_institute', 'enterprise', 'bank_investor', 'service_institution')`)
@Check('CHK_organization_division_code', `"division_code" ~ '^[0-9]{6}$'`)
@Index(['tenantId', 'name'])
export class Organization extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  type: OrganizationType;

  /** 统一社会信用代码 (GB 32100-2015), unique when given. */
  @Index({ unique: true, where: 'credit_code IS NOT NULL' })
  @Column({ type: 'char', length: 18, nullable: true })
  creditCode: string | null;

  /** 所在行政区划代码 (GB/T 2260, 6 digits): where the organisation is, which may lie outside the province. */
  @Column({ type: 'char', length: 6 })
  divisionCode: string;

  /** 中小微企业. */
  @Column({ type: 'boolean', default: false })
  isSme: boolean;

  /** 专精特新. */
  @Column({ type: 'boolean', default: false })
  isSpecialized: boolean;

  /** 高新技术企业. */
  @Column({ type: 'boolean', default: false })
  isHighTech: boolean;

  /** 成立日期, as confirmed by tier staff. */
  @Column({ type: 'date', nullable: true })
  foundedOn: string | null;

  /** 以技术成果作价入股设立, as confirmed by tier staff. */
  @Column({ type: 'boolean', nullable: true })
  foundedWithTechEquity: boolean | null;

  /** 注册资本实缴货币出资 (paid-in cash capital), fen, as confirmed by tier staff. */
  @Column({ type: 'bigint', nullable: true, transformer: FEN })
  paidInCashCapitalFen: number | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  contactName: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  contactPhone: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
