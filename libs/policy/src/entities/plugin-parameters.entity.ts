import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TenantOwned } from '@techmarket/core/entities';
import { PluginInstallation } from './plugin-installation.entity.js';

/** A citation of the document behind a parameter version. */
export interface SourceCitation {
  document: string;
  title?: string;
  article?: string;
  issuer?: string;
  issuedOn?: string;
  example?: boolean;
}

/**
 * 参数版本: one version of an installation's parameters, valid from a date (until the next
 * version starts), citing the bureau's own document. Never updated once decisions used it.
 */
@Entity('plugin_parameters')
@Index('plugin_parameters_version_uq', ['installationId', 'version'], { unique: true })
export class PluginParameters extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  installationId: string;

  @ManyToOne(() => PluginInstallation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'installation_id' })
  installation?: PluginInstallation;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'jsonb' })
  values: Record<string, unknown>;

  @Column({ type: 'date' })
  validFrom: string;

  /** The last day these values apply (inclusive); null: until a later version starts. A plan like 2021–2023 ends. */
  @Column({ type: 'date', nullable: true })
  validTo: string | null;

  /** 依据文件: the document that sets these values — 文号, title, article, issuer, date; `example` marks demo figures. */
  @Column({ type: 'jsonb' })
  source: SourceCitation;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
