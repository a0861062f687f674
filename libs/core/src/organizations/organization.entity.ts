import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { TenantOwned } from '../tenancy/tenant-owned.js';

/** 高校院所 / 企业 / 金融投资机构 / 服务机构. */
export const ORGANIZATION_TYPES = ['university_institute', 'enterprise', 'bank_investor', 'service_institution'] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

/** 机构: a university, enterprise, bank or service institution, registered in the tenant where it is located. */
@Entity('organization')
@Check('CHK_organization_type', `"type" IN ('university_institute', 'enterprise', 'bank_investor', 'service_institution')`)
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

  /** 中小微企业. */
  @Column({ type: 'boolean', default: false })
  isSme: boolean;

  /** 专精特新. */
  @Column({ type: 'boolean', default: false })
  isSpecialized: boolean;

  /** 高新技术企业. */
  @Column({ type: 'boolean', default: false })
  isHighTech: boolean;

  @Column({ type: 'varchar', length: 32, nullable: true })
  contactName: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  contactPhone: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
