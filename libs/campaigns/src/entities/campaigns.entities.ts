import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { FEN, TenantOwned } from '@techmarket/core/entities';
import type { PushedItem } from '../personalise.js';
import type { CampaignSegment, CampaignSet } from '../segment.js';

/**
 * 推送活动: a province or city admin's push of a set of catalog entries to a segment of
 * enterprises. `tenantId` is the defining admin's tenant. `draft` until launched; `launching`
 * while the worker plans the deliveries; `launched` once every delivery is queued.
 */
@Entity('campaign')
export class Campaign extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The mail's subject line (zh-CN). */
  @Column({ type: 'varchar', length: 120 })
  subject: string;

  /** An opening paragraph before the personalised entries. */
  @Column({ type: 'varchar', length: 1000, default: '' })
  intro: string;

  @Column({ type: 'jsonb' })
  entrySet: CampaignSet;

  @Column({ type: 'jsonb' })
  segment: CampaignSegment;

  @Column({ type: 'int' })
  itemsPerRecipient: number;

  /** draft | launching | launched */
  @Column({ type: 'varchar', length: 12, default: 'draft' })
  state: string;

  @Column({ type: 'int', nullable: true })
  recipients: number | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'uuid', nullable: true })
  launchedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  launchedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * 推送记录: one mail of a campaign to one address of a recipient enterprise (unique per campaign
 * and address), with its personalised entries and its state machine:
 * queued → sending (claimed, committed before SMTP) → sent | bounced | retry → …;
 * a `sending` row found again after a crash becomes `unknown` (never resent); an address that
 * unsubscribed meanwhile becomes `suppressed`. Then what the recipient did: opened, clicked,
 * interested. `tenantId` is the campaign's tenant (scoping); `recipientTenantId` the enterprise's.
 */
@Entity('campaign_delivery')
@Index('campaign_delivery_uq', ['campaignId', 'email'], { unique: true })
export class CampaignDelivery extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  campaignId: string;

  @Index()
  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'varchar', length: 128 })
  organizationName: string;

  @Column({ type: 'uuid' })
  recipientTenantId: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'jsonb' })
  items: PushedItem[];

  /** queued | sending | retry | sent | bounced | failed | unknown | suppressed */
  @Index()
  @Column({ type: 'varchar', length: 12, default: 'queued' })
  state: string;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  /** The Message-ID the SMTP server accepted (fixed per delivery). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  messageId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  bouncedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  opens: number;

  @Column({ type: 'timestamptz', nullable: true })
  clickedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  clicks: number;

  @Column({ type: 'timestamptz', nullable: true })
  interestedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  interestEntryId: string | null;
}

/** 退订: an address that asked for no more campaign mail; every later campaign leaves it out. */
@Entity('campaign_unsubscribe')
export class CampaignUnsubscribe {
  @PrimaryColumn({ type: 'varchar', length: 254 })
  email: string;

  /** The delivery whose link was used. */
  @Column({ type: 'uuid', nullable: true })
  deliveryId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  unsubscribedAt: Date;
}

/**
 * 对接记录: a broker or centre staff put a recipient in contact with the entry's owner (促成对接).
 * `tenantId` is the recipient enterprise's tenant, so its county centre may record it. Audited.
 */
@Entity('campaign_contact')
@Index('campaign_contact_delivery_uq', ['deliveryId'], { unique: true })
export class CampaignContact extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  deliveryId: string;

  @Index()
  @Column({ type: 'uuid' })
  campaignId: string;

  @Column({ type: 'varchar', length: 500 })
  note: string;

  @Column({ type: 'uuid' })
  contactedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  contactedAt: Date;
}

/**
 * 投递核查: what the campaign's admin decided about a delivery left `unknown` (its worker died between
 * claiming it and recording the outcome, so the mail may or may not have gone): `delivered` — they
 * found it was (the recipient, the SMTP server's log) and it counts as sent; `resent` — they found it
 * was not and sent it again. One per delivery; `tenantId` is the campaign's tenant. Audited.
 */
@Entity('campaign_delivery_review')
@Index('campaign_delivery_review_delivery_uq', ['deliveryId'], { unique: true })
export class CampaignDeliveryReview extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  deliveryId: string;

  @Index()
  @Column({ type: 'uuid' })
  campaignId: string;

  @Column({ type: 'varchar', length: 16 })
  outcome: 'delivered' | 'resent';

  @Column({ type: 'varchar', length: 500 })
  note: string;

  @Column({ type: 'uuid' })
  reviewedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  reviewedAt: Date;
}

/**
 * 成交归因: a registered contract credited to one push (the rule in attribution.ts), keyed by the
 * contract's amendment chain so an amendment replaces its original's amount instead of adding to it.
 */
@Entity('campaign_conversion')
export class CampaignConversion {
  @PrimaryColumn({ type: 'uuid' })
  contractRootId: string;

  @Column({ type: 'uuid' })
  contractId: string;

  @Column({ type: 'varchar', length: 64 })
  registrationNumber: string;

  @Index()
  @Column({ type: 'uuid' })
  deliveryId: string;

  @Index()
  @Column({ type: 'uuid' })
  campaignId: string;

  /** entry (the contract names a pushed patent) | seller (the seller owns a pushed entry) */
  @Column({ type: 'varchar', length: 8 })
  rule: string;

  @Column({ type: 'bigint', transformer: FEN })
  amountFen: number;

  @Column({ type: 'date' })
  signedOn: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  attributedAt: Date;
}

/**
 * 撮合对接记录: tier staff or a broker put a demand's owner in contact with an organisation a match
 * notice (匹配通知, libs/matching) told. `tenantId` is the demand's tenant (where the notice is kept),
 * so the posting centre and the tiers above it may record it. Once per notice; audited.
 */
@Entity('match_contact')
@Index('match_contact_notice_uq', ['noticeId'], { unique: true })
export class MatchContact extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  noticeId: string;

  @Index()
  @Column({ type: 'uuid' })
  demandId: string;

  @Column({ type: 'varchar', length: 500 })
  note: string;

  @Column({ type: 'uuid' })
  contactedBy: string;

  @CreateDateColumn({ type: 'timestamptz' })
  contactedAt: Date;
}

/**
 * 撮合成交归因: a registered contract credited to one match notice (`attributeNotice`), keyed by the
 * contract's amendment chain like a push's conversion.
 */
@Entity('match_conversion')
export class MatchConversion {
  @PrimaryColumn({ type: 'uuid' })
  contractRootId: string;

  @Column({ type: 'uuid' })
  contractId: string;

  @Column({ type: 'varchar', length: 64 })
  registrationNumber: string;

  @Index()
  @Column({ type: 'uuid' })
  noticeId: string;

  @Index()
  @Column({ type: 'uuid' })
  demandId: string;

  /** entry (the contract names the matched patent) | seller (the seller is the organisation told) */
  @Column({ type: 'varchar', length: 8 })
  rule: string;

  /** 合同金额. */
  @Column({ type: 'bigint', transformer: FEN })
  amountFen: number;

  /** 技术交易额. */
  @Column({ type: 'bigint', transformer: FEN })
  techTransactionFen: number;

  @Column({ type: 'date' })
  signedOn: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  attributedAt: Date;
}
