import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TenantOwned } from '../tenancy/tenant-owned.js';
import { Organization } from './organization.entity.js';

/** The statuses an enterprise holds: 中小企业, 专精特新, 高新技术企业 (the organisation's own column names). */
export const ORGANIZATION_STATUSES = ['isSme', 'isSpecialized', 'isHighTech'] as const;
export type OrganizationStatus = (typeof ORGANIZATION_STATUSES)[number];

/** Facts tier staff confirm from a named source: the three statuses and the founding (设立) facts. */
export const ORGANIZATION_FACTS = [...ORGANIZATION_STATUSES, 'founding'] as const;
export type OrganizationFact = (typeof ORGANIZATION_FACTS)[number];

export const STATUS_LABELS: Record<OrganizationFact, { zh: string; en: string }> = {
  isSme: { zh: '中小企业', en: 'SME' },
  isSpecialized: { zh: '专精特新企业', en: 'specialised SME (专精特新)' },
  isHighTech: { zh: '高新技术企业', en: 'high-tech enterprise' },
  founding: { zh: '设立信息', en: 'founding facts' },
};

/**
 * Kinds of source: an official list (名单, e.g. 2025年吉林省专精特新中小企业名单), a certificate
 * (证书, e.g. 高新技术企业证书), another document (文件: 营业执照, 验资报告, 出资协议), or a list
 * imported as a file (`import`, set only by the import).
 */
export const FACT_SOURCE_KINDS = ['list', 'certificate', 'document', 'import'] as const;
export type FactSourceKind = (typeof FACT_SOURCE_KINDS)[number];
/** What a person may name as a source (an import records itself). */
export const MANUAL_SOURCE_KINDS = ['list', 'certificate', 'document'] as const;

/**
 * 认定来源: where the current value of one fact of an organisation came from, and who confirmed it.
 * One row per organisation and fact, replaced when the fact is set again (the audit log keeps
 * every earlier value and source).
 */
@Entity('organization_fact_source')
@Index(['organizationId', 'fact'], { unique: true })
@Check('CHK_organization_fact_source_fact', `"fact" IN ('isSme', 'isSpecialized', 'isHighTech', 'founding')`)
@Check('CHK_organization_fact_source_kind', `"source_kind" IN ('list', 'certificate', 'document', 'import')`)
export class OrganizationFactSource extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'varchar', length: 16 })
  fact: OrganizationFact;

  /** For a status, the value the source gives (false: revoked or not on the list). */
  @Column({ type: 'boolean', nullable: true })
  value: boolean | null;

  @Column({ type: 'varchar', length: 16 })
  sourceKind: FactSourceKind;

  /** The list, certificate or document, e.g. 关于公布2025年吉林省专精特新中小企业名单的通知. */
  @Column({ type: 'varchar', length: 200 })
  sourceName: string;

  /** 证书编号 or 文号, when the source has one. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  certificateNumber: string | null;

  /** China date the source was issued (发布/发证日期). */
  @Column({ type: 'date' })
  issuedOn: string;

  /** Last China day the source is valid (有效期至); after it the status no longer counts. */
  @Column({ type: 'date', nullable: true })
  validUntil: string | null;

  /** The member's request this confirmation answered, if any. */
  @Column({ type: 'uuid', nullable: true })
  requestId: string | null;

  /** Who confirmed it (null: loaded by the system, e.g. demo data). */
  @Column({ type: 'uuid', nullable: true })
  confirmedBy: string | null;

  @Column({ type: 'timestamptz' })
  confirmedAt: Date;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;
}

export const FACT_REQUEST_STATES = ['pending', 'confirmed', 'rejected'] as const;
export type FactRequestState = (typeof FACT_REQUEST_STATES)[number];

/** The founding facts as a request or a confirmation carries them. */
export interface FoundingValue {
  foundedOn: string;
  withTechnologyEquity: boolean;
  paidInCashCapitalFen: number;
}

/** A claimed source, as a member's request carries it. */
export interface ClaimedSource {
  kind: FactSourceKind;
  name: string;
  certificateNumber?: string;
  issuedOn: string;
  validUntil?: string;
}

/**
 * 认定变更申请: a firm's member asks tier staff to change one fact of its own organisation, with its
 * evidence; staff of the organisation's tenant chain confirm (naming the source) or reject it.
 */
@Entity('organization_fact_request')
@Index(['organizationId', 'createdAt'])
@Check('CHK_organization_fact_request_fact', `"fact" IN ('isSme', 'isSpecialized', 'isHighTech', 'founding')`)
@Check('CHK_organization_fact_request_state', `"state" IN ('pending', 'confirmed', 'rejected')`)
export class OrganizationFactRequest extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'varchar', length: 16 })
  fact: OrganizationFact;

  /** The status value asked for (statuses). */
  @Column({ type: 'boolean', nullable: true })
  value: boolean | null;

  /** The founding facts declared (founding). */
  @Column({ type: 'jsonb', nullable: true })
  founding: FoundingValue | null;

  /** The source the firm names (certificate, list), if it names one. */
  @Column({ type: 'jsonb', nullable: true })
  source: ClaimedSource | null;

  /** 证明材料说明: the firm's evidence note. */
  @Column({ type: 'varchar', length: 1000 })
  evidence: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  state: FactRequestState;

  @Column({ type: 'uuid' })
  requestedBy: string;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** Why it was rejected. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  decisionReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
