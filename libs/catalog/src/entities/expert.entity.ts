import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Organization } from '@techmarket/core/entities';
import type { ExpertAvailability, IndustryField } from '../catalog.constants.js';
import { CatalogEntryBase } from './catalog-entry.base.js';

/** 专家库 entry: an expert who evaluates, brokers or advises, with the fields they cover. */
@Entity('expert')
@Index('expert_search_gin', ['searchDoc'], { type: 'gin' })
@Index('expert_published_idx', ['publishedAt', 'id'], { where: `status = 'published'` })
export class Expert extends CatalogEntryBase {
  /** The expert's own account, when they have one (they then maintain the entry). */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'varchar', length: 32 })
  name: string;

  /** 职称, e.g. 教授、研究员、高级工程师. */
  @Column({ type: 'varchar', length: 32 })
  title: string;

  @Column({ type: 'text', array: true, default: '{}' })
  fields: IndustryField[];

  @Column({ type: 'text', default: '' })
  bio: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  contactPhone: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  contactEmail: string | null;

  @Column({ type: 'varchar', length: 16, default: 'available' })
  availability: ExpertAvailability;
}
