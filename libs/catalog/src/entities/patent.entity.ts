import { Column, Entity, Index } from 'typeorm';
import type { IndustryField, LegalStatus, PatentType } from '../catalog.constants.js';
import { OwnedCatalogEntry } from './catalog-entry.base.js';

/** 专利: a Chinese patent or application held by an organisation of the market. */
@Entity('patent')
@Index('patent_search_gin', ['searchDoc'], { type: 'gin' })
@Index('patent_published_idx', ['publishedAt', 'id'], { where: `status = 'published'` })
export class Patent extends OwnedCatalogEntry {
  /** 申请号, normalised (`202110123456.7`); the natural key used by imports. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 16 })
  applicationNumber: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', default: '' })
  abstract: string;

  @Column({ type: 'varchar', length: 16 })
  patentType: PatentType;

  @Column({ type: 'varchar', length: 16 })
  legalStatus: LegalStatus;

  @Column({ type: 'date', nullable: true })
  grantDate: string | null;

  /** IPC classes such as `A01B 1/00`. */
  @Column({ type: 'text', array: true, default: '{}' })
  ipcClasses: string[];

  @Column({ type: 'varchar', length: 32, nullable: true })
  field: IndustryField | null;

  /** Derived from the declarations: one is in force (开放许可中). */
  @Column({ type: 'boolean', default: false })
  openLicence: boolean;

  @Column({ type: 'boolean', default: false })
  freeLicence: boolean;
}
