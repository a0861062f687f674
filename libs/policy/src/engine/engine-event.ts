import type { CatalogEntryPublished } from '@techmarket/catalog';
import type { ContractRegistered, PaymentReceived, RegisteredContractFacts } from '@techmarket/contracts';
import type { DomainEvent, OrganizationFacts } from '@techmarket/core/module-api';
import type { ContractFacts, OrgFacts, PolicyEvent } from '@techmarket/plugin-api';
import type { YearClosed } from '../policy.events.js';
import type { EngineEvent } from './types.js';

/** The domain events the engine decides on, as their producers published them. */
export type PolicyDomainEvent = DomainEvent<'contract.registered' | 'payment.received' | 'catalog.published' | 'year.closed'>;

/** Contract events the engine records without asking plugins (see policy.registration.ts). */
export type ContractLifecycleEvent = DomainEvent<'contract.cancelled' | 'contract.facts_confirmed'>;

/**
 * Turns a domain event (its producer's facts) into what plugins see (the plugin API's facts),
 * which installations it concerns and its key. Pure, so a stored event replays identically.
 */
export function toEngineEvent(d: PolicyDomainEvent): EngineEvent {
  switch (d.type) {
    case 'contract.registered':
    case 'payment.received': {
      const c = d.contract;
      const event: PolicyEvent = {
        type: d.type,
        occurredOn: d.type === 'payment.received' ? (d as PaymentReceived).payment.receivedOn : c.registeredOn,
        tenantCode: c.tenantCode,
        contract: contractFacts(c),
      };
      return {
        eventId: d.eventId,
        event,
        key: c.rootId,
        // Policies of every tier above either party: the seller's and the buyer's local markets.
        scope: { kind: 'parties', paths: [c.seller.tenantPath, c.buyer.tenantPath] },
        orgs: placesOf([c.seller, c.buyer]),
        reference:
          d.type === 'payment.received'
            ? { type: d.type, eventId: d.eventId, contractId: c.id, paymentId: (d as PaymentReceived).payment.id }
            : { type: d.type, eventId: d.eventId, contractId: c.id },
      };
    }
    case 'catalog.published': {
      const { kind, entry } = d as CatalogEntryPublished & PolicyDomainEvent;
      return {
        eventId: d.eventId,
        event: {
          type: 'catalog.published',
          occurredOn: entry.publishedOn,
          tenantCode: entry.owner.tenantCode,
          entry: { kind, id: entry.id, title: entry.title, field: entry.field, ipcClasses: entry.ipcClasses, owner: orgFacts(entry.owner) },
        },
        key: entry.id,
        // The shared catalog is province-wide: routing policies anywhere may pick the entry up.
        scope: { kind: 'everywhere' },
        orgs: placesOf([entry.owner]),
        reference: { type: d.type, eventId: d.eventId, kind, entryId: entry.id },
      };
    }
    case 'year.closed': {
      const y = d as YearClosed & PolicyDomainEvent;
      return {
        eventId: d.eventId,
        event: {
          type: 'year.closed',
          occurredOn: `${y.year}-12-31`,
          tenantCode: y.tenantCode,
          institutions: y.institutions.map((i) => ({ ...i, institution: orgFacts(i.institution), year: y.year })),
        },
        key: `${y.tenantCode}:${y.year}`,
        scope: { kind: 'tenant', tenantId: y.tenantId },
        orgs: placesOf(y.institutions.map((i) => i.institution)),
        reference: { type: d.type, eventId: d.eventId, tenantId: y.tenantId, year: y.year },
      };
    }
  }
}

/** The tenant ids whose subtree the event concerns, for finding stored events (empty: everywhere). */
export function eventTenantIds(d: PolicyDomainEvent): string[] {
  if (d.type === 'contract.registered' || d.type === 'payment.received') {
    const c = (d as ContractRegistered).contract;
    return [...new Set([c.seller.tenantId, c.buyer.tenantId])];
  }
  if (d.type === 'year.closed') return [(d as YearClosed).tenantId];
  return [];
}

function contractFacts(c: RegisteredContractFacts): ContractFacts {
  return {
    id: c.id,
    registrationNumber: c.registrationNumber,
    contractType: c.contractType,
    contractTypeLabel: c.contractTypeLabel,
    subType: c.subType,
    amountFen: c.amountFen,
    techTransactionFen: c.techTransactionFen,
    receivedFen: c.receivedFen,
    signedOn: c.signedOn,
    registeredOn: c.registeredOn,
    seller: orgFacts(c.seller),
    buyer: orgFacts(c.buyer),
    patents: c.patents,
    implemented: c.implemented,
    netIncomeFen: c.netIncomeFen,
    inventorRewardFen: c.inventorRewardFen,
  };
}

/**
 * An organisation as plugins see it: no internal ids of the tenant tree. Events stored before the
 * organisation carried its division, statuses' sources and founding facts lack them (and so do not
 * get them here); the deprecated founding flags come from confirmed founding facts only.
 */
function orgFacts(o: OrganizationFacts): OrgFacts {
  const founding = o.founding?.confirmed ? o.founding : null;
  return {
    id: o.id,
    name: o.name,
    type: o.type,
    isSme: o.isSme,
    isSpecialized: o.isSpecialized,
    isHighTech: o.isHighTech,
    tenantCode: o.tenantCode,
    inProvince: o.inProvince,
    ...(o.divisionCode !== undefined ? { divisionCode: o.divisionCode } : {}),
    ...(o.statusSources !== undefined ? { statusSources: o.statusSources } : {}),
    ...(o.founding !== undefined ? { founding: o.founding } : {}),
    ...(founding ? { foundedWithTechEquity: founding.withTechnologyEquity, paidInCashCapitalFen: founding.paidInCashCapitalFen } : {}),
  };
}

function placesOf(orgs: OrganizationFacts[]): EngineEvent['orgs'] {
  return Object.fromEntries(
    orgs.map((o) => [o.id, { name: o.name, tenantId: o.tenantId, tenantCode: o.tenantCode, tenantPath: o.tenantPath }]),
  );
}
