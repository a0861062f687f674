import { Check, Column, Entity, Index } from 'typeorm';
import { FEN } from '@techmarket/core/entities';
import type { IndustryField } from '../catalog.constants.js';
import { OwnedCatalogEntry } from './catalog-entry.base.js';

/** 企业技术需求: a problem an enterprise wants solved, possibly an open call (揭榜挂帅) with a reward. */
@Entity('demand')
@Index('demand_search_gin', ['searchDoc'], { type: 'gin' })
@Index('demand_external_id_uq', ['organizationId', 'externalId'], { unique: true, where: 'external_id IS NOT NULL' })
@Index('demand_published_idx', ['publishedAt', 'id'], { where: `status = 'published'` })
@Check('CHK_demand_budget', 'budget_min_fen IS NULL OR budget_max_fen IS NULL OR budget_min_fen <= budget_max_fen')
@Check('CHK_demand_open_call', 'NOT is_open_call OR reward_fen IS NOT NULL')
export class Demand extends OwnedCatalogEntry {
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 32 })
  field: IndustryField;

  /** IPC classes the enterprise says it is after (需求所属 IPC 分类), such as `A23K 10/30`; usually none. */
  @Column({ type: 'text', array: true, default: '{}' })
  ipcClasses: string[];

  @Column({ type: 'bigint', nullable: true, transformer: FEN })
  budgetMinFen: number | null;

  @Column({ type: 'bigint', nullable: true, transformer: FEN })
  budgetMaxFen: number | null;

  @Column({ type: 'date', nullable: true })
  deadline: string | null;

  /** 揭榜挂帅: an open call with a posted reward. */
  @Column({ type: 'boolean', default: false })
  isOpenCall: boolean;

  @Column({ type: 'bigint', nullable: true, transformer: FEN })
  rewardFen: number | null;
}
