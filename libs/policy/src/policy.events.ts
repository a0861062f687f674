import type { OrganizationFacts } from '@techmarket/core/module-api';

/**
 * `year.closed`: a tier closed a year for its year-end policies (年度结算), with each institution
 * of its subtree and that year's totals, as the contracts module counted them.
 */
export interface YearClosed {
  tenantId: string;
  tenantCode: string;
  year: number;
  institutions: { institution: OrganizationFacts; patentsTransferred: number; receivedFen: number }[];
}

declare module '@techmarket/core/module-api' {
  interface DomainEventMap {
    'year.closed': YearClosed;
  }
}
