import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Tenant } from '@techmarket/core/entities';

/** The last registration sequence per tenant and year, advanced atomically (UPDATE … RETURNING). */
@Entity('registration_counter')
export class RegistrationCounter {
  @PrimaryColumn({ type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @PrimaryColumn({ type: 'smallint' })
  year: number;

  @Column({ type: 'integer', default: 0 })
  last: number;
}
