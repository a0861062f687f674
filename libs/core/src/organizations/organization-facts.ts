import type { OrganizationType } from './organization.entity.js';

/**
 * An organisation as domain events carry it (the facts local policies ask about), read in one
 * place (`OrganizationsService.facts`) and frozen into the event, so a decision can be
 * explained later from what was true when it was made.
 */
export interface OrganizationFacts {
  id: string;
  name: string;
  type: OrganizationType;
  /** 中小企业 / 专精特新 / 高新技术企业. */
  isSme: boolean;
  isSpecialized: boolean;
  isHighTech: boolean;
  tenantId: string;
  tenantCode: string;
  /** Codes from the province down to the organisation's tenant, e.g. ['220000', '220100', '220104']. */
  tenantPath: string[];
  /** Registered in the province's tenant tree. */
  inProvince: boolean;
}
