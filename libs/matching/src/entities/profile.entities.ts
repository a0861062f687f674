import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { TenantOwned } from '@techmarket/core/entities';

/**
 * 企业画像（自述部分）: what an enterprise says about itself — its 行业领域, keywords and products —
 * edited by its own users. Size (中小企业) and location come from the organisation's facts in core,
 * not from here. `tenantId` is the organisation's tenant.
 */
@Entity('organization_profile')
@Index('organization_profile_org_uq', ['organizationId'], { unique: true })
export class OrganizationProfile extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  /** 行业领域 codes (INDUSTRY_FIELDS). */
  @Column({ type: 'text', array: true, default: '{}' })
  fields: string[];

  @Column({ type: 'text', array: true, default: '{}' })
  keywords: string[];

  /** 主营产品. */
  @Column({ type: 'text', array: true, default: '{}' })
  products: string[];

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * 浏览记录: a published catalog entry that members of an organisation opened, once per
 * organisation and entry (first and last time). Behaviour for the profile, from the catalog's
 * `catalog.entry_viewed`; derived data, not audited. `tenantId` is the viewing organisation's tenant.
 */
@Entity('profile_view')
@Index('profile_view_uq', ['organizationId', 'entryId'], { unique: true })
export class ProfileView extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  /** achievement | patent | expert | demand */
  @Column({ type: 'varchar', length: 16 })
  entryKind: string;

  @Column({ type: 'uuid' })
  entryId: string;

  @Column({ type: 'varchar', length: 200 })
  entryTitle: string;

  @Column({ type: 'text', array: true, default: '{}' })
  entryFields: string[];

  @Column({ type: 'timestamptz' })
  firstViewedAt: Date;

  @Column({ type: 'timestamptz' })
  lastViewedAt: Date;
}

/**
 * 订阅: a user (an enterprise's member, a researcher, an expert) asks for a daily or weekly digest
 * of newly published entries in some 行业领域 and/or with some keywords. `tenantId` is the user's.
 * `coveredUntil` is the end of what the last digest looked at (the next starts there).
 */
@Entity('subscription')
@Check('CHK_subscription_frequency', `frequency IN ('daily', 'weekly')`)
export class Subscription extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text', array: true, default: '{}' })
  fields: string[];

  @Column({ type: 'text', array: true, default: '{}' })
  keywords: string[];

  /** achievement | patent | demand | expert */
  @Column({ type: 'text', array: true })
  kinds: string[];

  /** daily 每日 | weekly 每周 */
  @Column({ type: 'varchar', length: 8 })
  frequency: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'timestamptz' })
  coveredUntil: Date;

  @Column({ type: 'timestamptz', nullable: true })
  unsubscribedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * 订阅推送: one digest of a subscription for one period (a China date for daily, an ISO week for
 * weekly), claimed before the mail is queued, so a retried or repeated job sends no second one.
 * `entryCount` 0: nothing matched and nothing was sent.
 */
@Entity('subscription_digest')
@Index('subscription_digest_uq', ['subscriptionId', 'period'], { unique: true })
export class SubscriptionDigest extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  subscriptionId: string;

  /** 2026-11-28 (daily) or 2026-W48 (weekly). */
  @Column({ type: 'varchar', length: 10 })
  period: string;

  @Column({ type: 'timestamptz' })
  coveredFrom: Date;

  @Column({ type: 'timestamptz' })
  coveredUntil: Date;

  @Column({ type: 'int' })
  entryCount: number;

  /** `[{ kind, id, title }]` as listed in the mail. */
  @Column({ type: 'jsonb' })
  entries: object;

  @Column({ type: 'text', array: true, default: '{}' })
  mailedTo: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
