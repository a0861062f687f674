import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { TenantOwned } from '@techmarket/core/entities';

export const IMPORT_KINDS = ['achievement', 'patent', 'demand'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** all_or_nothing: one bad row rejects the file; skip_invalid: valid rows are stored, bad ones reported. */
export const IMPORT_MODES = ['all_or_nothing', 'skip_invalid'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export type ImportStatus = 'queued' | 'running' | 'completed' | 'rejected' | 'failed';

/** One problem in one cell (or row), reported in Chinese with the spreadsheet's own column name. */
export interface ImportRowError {
  /** 1-based spreadsheet row (the header is row 1). */
  row: number;
  column: string | null;
  message: string;
}

/**
 * 批量导入任务: an uploaded spreadsheet and its progress. The file is kept until the job has
 * run, so a worker on another machine can process it.
 */
@Entity('catalog_import')
export class CatalogImport extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The organisation rows belong to unless a row names another one. */
  @Column({ type: 'uuid', nullable: true })
  organizationId: string | null;

  @Column({ type: 'uuid' })
  createdBy: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ImportKind;

  @Column({ type: 'varchar', length: 16 })
  mode: ImportMode;

  @Column({ type: 'varchar', length: 200 })
  fileName: string;

  @Column({ type: 'bytea', nullable: true, select: false })
  content?: Buffer | null;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: ImportStatus;

  @Column({ type: 'integer', default: 0 })
  totalRows: number;

  @Column({ type: 'integer', default: 0 })
  processedRows: number;

  @Column({ type: 'integer', default: 0 })
  insertedRows: number;

  @Column({ type: 'integer', default: 0 })
  updatedRows: number;

  /** The first 1,000 problems; `errorCount` has them all. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  errors: ImportRowError[];

  @Column({ type: 'integer', default: 0 })
  errorCount: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
