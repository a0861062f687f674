import { Column, CreateDateColumn, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { Organization, TenantOwned } from '@techmarket/core/entities';
import type { EntryStatus } from '../workflow.js';

/**
 * What every catalog entry shares: the owning tenant and organisation, the publishing
 * workflow, the external id used by spreadsheet imports, and the search document.
 * The search document is written only by `SearchIndexer` (segmented Chinese text plus
 * filter lexemes), never through entity saves.
 */
export abstract class CatalogEntryBase extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status: EntryStatus;

  /** Why a reviewer returned the entry (退回原因); cleared on resubmission. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  returnReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** The id in the owner's own spreadsheet; re-importing a row with it updates the entry. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  externalId: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  searchDoc?: string;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** An entry that always belongs to an organisation (成果, 需求, 专利); experts may have none. */
export abstract class OwnedCatalogEntry extends CatalogEntryBase {
  @Index()
  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;
}
