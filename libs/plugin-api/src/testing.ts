import type { ContractFacts, EvaluationContext, OrgFacts } from './types.js';

/** Fixtures for plugin tests: a university, an SME and a registered patent-transfer contract. */
export const sampleUniversity: OrgFacts = {
  id: 'org-jlu',
  name: '吉林大学',
  type: 'university_institute',
  isSme: false,
  isSpecialized: false,
  isHighTech: false,
  tenantCode: '220104',
  inProvince: true,
};
export const sampleSme: OrgFacts = {
  ...sampleUniversity,
  id: 'org-sme',
  name: '长春禹衡光学有限公司',
  type: 'enterprise',
  isSme: true,
  tenantCode: '220102',
};

export function sampleContract(overrides: Partial<ContractFacts> = {}): ContractFacts {
  return {
    id: 'c1',
    registrationNumber: '26220100000001',
    contractType: 'transfer',
    contractTypeLabel: '技术转让',
    subType: 'patent_right',
    amountFen: 5_000_000_00,
    techTransactionFen: 5_000_000_00,
    receivedFen: 0,
    signedOn: '2026-03-01',
    registeredOn: '2026-03-20',
    seller: sampleUniversity,
    buyer: sampleSme,
    patents: [
      {
        applicationNumber: '201310699744.2',
        patentType: 'invention',
        holderType: 'university_institute',
        ipcClasses: ['G01D 5/347'],
        field: 'optoelectronics',
      },
    ],
    implemented: true,
    ...overrides,
  };
}

export function sampleContext(tenantCode: string, tier: EvaluationContext['tenantTier'] = 'city'): EvaluationContext {
  const path =
    tier === 'province' ? ['220000'] : tier === 'city' ? ['220000', tenantCode] : ['220000', `${tenantCode.slice(0, 4)}00`, tenantCode];
  return { tenantCode, tenantTier: tier, tenantPath: path };
}
