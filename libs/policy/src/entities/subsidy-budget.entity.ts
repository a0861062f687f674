import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { FEN, TenantOwned } from '@techmarket/core/entities';
import { PluginInstallation } from './plugin-installation.entity.js';

/**
 * 年度预算 of one installed plugin. `approved_fen` only moves by a guarded UPDATE, and the
 * CHECK makes overspending impossible even for a statement that forgets the guard.
 */
@Entity('subsidy_budget')
@Check('CHK_subsidy_budget_within', 'approved_fen >= 0 AND approved_fen <= budget_fen')
export class SubsidyBudget extends TenantOwned {
  @PrimaryColumn({ type: 'uuid' })
  installationId: string;

  @ManyToOne(() => PluginInstallation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'installation_id' })
  installation?: PluginInstallation;

  @PrimaryColumn({ type: 'smallint' })
  year: number;

  @Column({ type: 'bigint', transformer: FEN })
  budgetFen: number;

  @Column({ type: 'bigint', default: 0, transformer: FEN })
  approvedFen: number;
}
