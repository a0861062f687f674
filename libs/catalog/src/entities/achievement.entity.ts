import { Check, Column, Entity, Index, JoinTable, ManyToMany } from 'typeorm';
import { FEN } from '@techmarket/core/entities';
import type { IndustryField, MaturityStage, TransferMode } from '../catalog.constants.js';
import { OwnedCatalogEntry } from './catalog-entry.base.js';
import { Patent } from './patent.entity.js';

/** 科技成果: a result of research offered for transfer, licensing, equity or co-development. */
@Entity('achievement')
@Index('achievement_search_gin', ['searchDoc'], { type: 'gin' })
@Index('achievement_external_id_uq', ['organizationId', 'externalId'], { unique: true, where: 'external_id IS NOT NULL' })
@Index('achievement_published_idx', ['publishedAt', 'id'], { where: `status = 'published'` })
@Check('CHK_achievement_trl', 'trl IS NULL OR trl BETWEEN 1 AND 9')
@Check('CHK_achievement_price', 'price_fen IS NULL OR price_fen >= 0')
export class Achievement extends OwnedCatalogEntry {
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'varchar', length: 32 })
  field: IndustryField;

  @Column({ type: 'text', array: true, default: '{}' })
  keywords: string[];

  @Column({ type: 'varchar', length: 32, nullable: true })
  contactName: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  contactPhone: string | null;

  @Column({ type: 'varchar', length: 16 })
  maturity: MaturityStage;

  /** Technology readiness level 1–9 (技术就绪度). */
  @Column({ type: 'smallint', nullable: true })
  trl: number | null;

  @Column({ type: 'text', array: true, default: '{}' })
  transferModes: TransferMode[];

  /** Asking price in fen (分); null with `priceNegotiable` means 面议. */
  @Column({ type: 'bigint', nullable: true, transformer: FEN })
  priceFen: number | null;

  @Column({ type: 'boolean', default: false })
  priceNegotiable: boolean;

  /** 资金来源, e.g. 国家重点研发计划. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  fundingSource: string | null;

  /** Derived: a linked patent has a declared open licence (开放许可) — kept for filtering. */
  @Column({ type: 'boolean', default: false })
  hasOpenLicence: boolean;

  /** Derived: a linked patent is licensed free of charge (免费许可). */
  @Column({ type: 'boolean', default: false })
  hasFreeLicence: boolean;

  @ManyToMany(() => Patent)
  @JoinTable({ name: 'achievement_patent', joinColumn: { name: 'achievement_id' }, inverseJoinColumn: { name: 'patent_id' } })
  patents?: Patent[];
}
