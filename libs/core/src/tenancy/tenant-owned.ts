import { Column, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Tenant } from './tenant.entity.js';

/**
 * A record that belongs to one tenant of the tree (租户): the column every permission rule
 * scopes by (`tenantId in subtree`) and the audit log files the record under. Deleting a
 * tenant that still owns records is refused (RESTRICT).
 */
export abstract class TenantOwned {
  @Index()
  @Column({ type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;
}
