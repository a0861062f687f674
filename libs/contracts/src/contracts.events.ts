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
  /** 到账金额 so far: the confirmed payments of the contract and of the contracts it amends. */
  receivedFen: number;
  /**
   * domestic, or import (技术引进, registered by the domestic buyer's tenant). This and the
   * `…Confirmed` flags are absent from facts stored before they existed: read absent as
   * domestic / not confirmed.
   */
  direction?: 'domestic' | 'import';
  signedOn: string;
  /** China date of registration. */
  registeredOn: string;
  /** China date the chain's root was registered (an amendment keeps its original's); absent from facts stored before it existed. */
  firstRegisteredOn?: string;
  /** The registration tenant (the seller's; the buyer's for an import). */
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
  /** Whether the registrar confirmed each declared fact from its evidence files. */
  implementedConfirmed?: boolean;
  netIncomeConfirmed?: boolean;
  inventorRewardConfirmed?: boolean;
  /** Paid-in cash capital of a 作价入股 firm (also on `buyer.paidInCashCapitalFen`), and its confirmation. */
  paidInCashCapitalFen?: number | null;
  paidInCashCapitalConfirmed?: boolean;
}

/** `contract.registered`: a contract (or an amendment of one) was registered. */
export interface ContractRegistered {
  contract: RegisteredContractFacts;
}

/**
 * `payment.received`: money that arrived on a registered contract (到账) was confirmed by the other
 * party or the registrar; the contract's facts include it. Published on confirmation, not on recording.
 */
export interface PaymentReceived {
  contract: RegisteredContractFacts;
  /** `bankReference` and `confirmedOn` are absent from payments stored before confirmation existed. */
  payment: { id: string; receivedOn: string; amountFen: number; bankReference?: string; confirmedOn?: string };
}

/** `contract.cancelled`: the registrar cancelled a registration (撤销登记); the facts are the contract's as registered. */
export interface ContractCancelled {
  contract: RegisteredContractFacts;
  cancellation: { reason: string; cancelledOn: string };
}

/** `contract.facts_confirmed`: the registrar confirmed declared facts of a registered contract from their evidence. */
export interface ContractFactsConfirmed {
  contract: RegisteredContractFacts;
  facts: string[];
}

declare module '@techmarket/core/module-api' {
  interface DomainEventMap {
    'contract.registered': ContractRegistered;
    'payment.received': PaymentReceived;
    'contract.cancelled': ContractCancelled;
    'contract.facts_confirmed': ContractFactsConfirmed;
  }
}
