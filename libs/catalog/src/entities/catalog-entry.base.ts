import { Column, CreateDateColumn, Index, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { EntryStatus } from '../workflow.js';

/**
 * What every catalog entry shares: the owning tenant and organisation, the publishing
 * workflow, the external id used by spreadsheet imports, and the search document.
 * The search document is written only by `SearchIndexer` (segmented Chinese text plus
 * filter lexemes), never through entity saves.
 */
export abstract class CatalogEntryBase {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  tenantId: string;

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
