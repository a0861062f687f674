import type { OrganizationFacts } from '@techmarket/core/module-api';

/** A patent named in a contract, as the catalog describes it. */
export interface ContractPatentFacts {
  applicationNumber: string;
  patentType: string;
  /** The holder's organisation type (e.g. university_institute). */
  holderType: string;
  ipcClasses: string[];
  field: string | null;
}

/**
 * A registered technology contract (已登记技术合同) as its events carry it: everything a policy
 * may ask about, frozen at the moment of the event, so a decision can be explained years later.
 */
export interface RegisteredContractFacts {
  id: string;
  /** The first contract of its amendment chain: an amendment keeps its original's root. */
  rootId: string;
  registrationNumber: string;
  /** development | transfer | licence | consulting | service */
  contractType: string;
  contractTypeLabel: string;
  subType: string | null;
  amountFen: number;
  /** 技术交易额. */
  techTransactionFen: number;
  /** 到账金额 so far. */
  receivedFen: number;
  signedOn: string;
  /** China date of registration. */
  registeredOn: string;
  /** The registration tenant (where the seller registered it). */
  tenantId: string;
  tenantCode: string;
  seller: OrganizationFacts;
  /** The buyer as the organisation record says (for a 作价入股 contract, the founded firm with its confirmed founding facts). */
  buyer: OrganizationFacts;
  patents: ContractPatentFacts[];
  /** Declared by the parties: the contract is being implemented (已实施转化). */
  implemented: boolean;
  netIncomeFen: number | null;
  inventorRewardFen: number | null;
}

/** `contract.registered`: a contract (or an amendment of one) was registered. */
export interface ContractRegistered {
  contract: RegisteredContractFacts;
}

/** `payment.received`: money arrived on a registered contract (到账); the contract's facts include it. */
export interface PaymentReceived {
  contract: RegisteredContractFacts;
  payment: { id: string; receivedOn: string; amountFen: number };
}

declare module '@techmarket/core/module-api' {
  interface DomainEventMap {
    'contract.registered': ContractRegistered;
    'payment.received': PaymentReceived;
  }
}
