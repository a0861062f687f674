import { CONTRACT_TYPES, type ContractSnapshot } from '@techmarket/contracts';
import type { ContractFacts, OrgFacts } from '@techmarket/plugin-api';

type OrgRow = ContractSnapshot['seller'];

/** Every organisation in the tenant tree is in the province the platform serves. */
export function orgFacts(o: OrgRow, extra: Partial<OrgFacts> = {}): OrgFacts {
  return {
    id: o.id,
    name: o.name,
    type: o.type,
    isSme: o.is_sme,
    isSpecialized: o.is_specialized,
    isHighTech: o.is_high_tech,
    tenantCode: o.tenant_code,
    inProvince: true,
    ...extra,
  };
}

/** A contract snapshot as the plugin API describes it. */
export function contractFacts(s: ContractSnapshot): ContractFacts {
  const c = s.contract;
  const equity = c.subType === 'equity';
  return {
    id: c.id,
    registrationNumber: c.registrationNumber ?? '',
    contractType: c.contractType,
    contractTypeLabel: CONTRACT_TYPES[c.contractType].label,
    subType: c.subType,
    amountFen: c.amountFen,
    techTransactionFen: c.techTransactionFen,
    receivedFen: s.receivedFen,
    signedOn: c.signedOn,
    registeredOn: c.registeredAt ? localDate(c.registeredAt) : c.signedOn,
    seller: orgFacts(s.seller),
    buyer: orgFacts(s.buyer, equity ? { foundedWithTechEquity: true, paidInCashCapitalFen: c.paidInCashCapitalFen } : {}),
    patents: s.patents.map((p) => ({
      applicationNumber: p.application_number,
      patentType: p.patent_type,
      holderType: p.holder_type,
      ipcClasses: p.ipc_classes,
      field: p.field,
    })),
    implemented: c.implemented,
    netIncomeFen: c.netIncomeFen,
    inventorRewardFen: c.inventorRewardFen,
  };
}

/** The calendar date in China (UTC+8), which is what policies and budgets count in. */
export function localDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
