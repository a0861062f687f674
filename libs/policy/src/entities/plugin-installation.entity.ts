import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TenantOwned } from '@techmarket/core/entities';

/** 插件安装: a policy plugin installed by a tenant's own bureau (or county centre). */
@Entity('plugin_installation')
@Index('plugin_installation_active_uq', ['tenantId', 'pluginId'], { unique: true, where: `status = 'active'` })
export class PluginInstallation extends TenantOwned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

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
