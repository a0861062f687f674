import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Tenant } from '@techmarket/core/entities';

/** 插件安装: a policy plugin installed by a tenant's own bureau (or county centre). */
@Entity('plugin_installation')
@Index('plugin_installation_active_uq', ['tenantId', 'pluginId'], { unique: true, where: `status = 'active'` })
export class PluginInstallation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @Column({ type: 'varchar', length: 64 })
  pluginId: string;

  @Column({ type: 'varchar', length: 16 })
  pluginVersion: string;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status: 'active' | 'uninstalled';

  @Column({ type: 'uuid', nullable: true })
  installedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  installedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  uninstalledAt: Date | null;
}
