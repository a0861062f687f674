import { describe, expect, it } from '@jest/globals';
import type { RegisteredContractFacts } from '@techmarket/contracts';
import type { OrganizationFacts } from '@techmarket/core/module-api';
import { type PolicyDomainEvent, eventTenantIds, toEngineEvent } from './engine-event.js';

const org = (id: string, tenantCode: string, type: OrganizationFacts['type'] = 'enterprise'): OrganizationFacts => ({
  id,
  name: id,
  type,
  isSme: type === 'enterprise',
  isSpecialized: false,
  isHighTech: false,
  tenantId: `t-${tenantCode}`,
  tenantCode,
  tenantPath:
    tenantCode === '220000' ? ['220000'] : ['220000', `${tenantCode.slice(0, 4)}00`, tenantCode].filter((c, i, a) => a.indexOf(c) === i),
  statusSources: { isSme: null, isSpecialized: null, isHighTech: null },
  founding: null,
  divisionCode: tenantCode,
  inProvince: true,
});

const founded = {
  foundedOn: '2026-01-05',
  withTechnologyEquity: true,
  paidInCashCapitalFen: 5_000_000_00,
  confirmed: true,
  source: {
    kind: 'document' as const,
    name: '营业执照及验资报告',
    certificateNumber: null,
    issuedOn: '2026-01-05',
    validUntil: null,
    confirmedOn: '2026-01-10',
  },
};

const contract = (over: Partial<RegisteredContractFacts> = {}): RegisteredContractFacts => ({
  id: 'amendment',
  rootId: 'original',
  registrationNumber: '26220100000002',
  contractType: 'transfer',
  contractTypeLabel: '技术转让',
  subType: 'equity',
  amountFen: 1_000_000_00,
  techTransactionFen: 900_000_00,
  receivedFen: 200_000_00,
  signedOn: '2026-02-01',
  registeredOn: '2026-03-20',
  tenantId: 't-220100',
  tenantCode: '220100',
  seller: org('jlu', '220104', 'university_institute'),
  buyer: { ...org('sme', '220122'), founding: founded },
  patents: [],
  implemented: true,
  netIncomeFen: null,
  inventorRewardFen: null,
  ...over,
});

const envelope = { eventId: 'e1', publishedAt: '2026-03-20T02:00:00Z' };

describe('toEngineEvent: from the producer’s facts to what plugins see', () => {
  it('a registration is keyed by the original contract, dated by registration, and concerns both parties’ paths', () => {
    const d = { ...envelope, type: 'contract.registered', contract: contract() } as PolicyDomainEvent;
    const e = toEngineEvent(d);
    expect(e).toMatchObject({
      key: 'original',
      event: { type: 'contract.registered', occurredOn: '2026-03-20', tenantCode: '220100' },
      scope: {
        kind: 'parties',
        paths: [
          ['220000', '220100', '220104'],
          ['220000', '220100', '220122'],
        ],
      },
      orgs: { jlu: { tenantId: 't-220104' }, sme: { tenantId: 't-220122', tenantPath: ['220000', '220100', '220122'] } },
      reference: { type: 'contract.registered', eventId: 'e1', contractId: 'amendment' },
    });
    // Plugins see no internal ids of the tenant tree, but the organisation's division, sources and founding facts.
    if (e.event.type !== 'contract.registered') throw new Error('type');
    expect(e.event.contract.buyer).toEqual({
      id: 'sme',
      name: 'sme',
      type: 'enterprise',
      isSme: true,
      isSpecialized: false,
      isHighTech: false,
      tenantCode: '220122',
      inProvince: true,
      divisionCode: '220122',
      statusSources: { isSme: null, isSpecialized: null, isHighTech: null },
      founding: founded,
      foundedWithTechEquity: true,
      paidInCashCapitalFen: 5_000_000_00,
    });
    expect(eventTenantIds(d)).toEqual(['t-220104', 't-220122']);
  });

  it('an equity sub-type says nothing about the buyer: without confirmed founding facts, no equity flags', () => {
    const declared = { ...founded, confirmed: false, source: null };
    for (const buyer of [org('sme', '220122'), { ...org('sme', '220122'), founding: declared }]) {
      const e = toEngineEvent({ ...envelope, type: 'contract.registered', contract: contract({ buyer }) } as PolicyDomainEvent);
      if (e.event.type !== 'contract.registered') throw new Error('type');
      expect(e.event.contract.buyer.foundedWithTechEquity).toBeUndefined();
      expect(e.event.contract.buyer.paidInCashCapitalFen).toBeUndefined();
      expect(e.event.contract.buyer.founding).toEqual(buyer.founding);
    }
  });

  it('replays an event stored before organisations carried division, sources and founding facts, without them', () => {
    const { statusSources: _s, founding: _f, divisionCode: _d, ...old } = org('sme', '220122');
    const e = toEngineEvent({
      ...envelope,
      type: 'contract.registered',
      contract: contract({ buyer: old as OrganizationFacts }),
    } as PolicyDomainEvent);
    if (e.event.type !== 'contract.registered') throw new Error('type');
    expect(Object.keys(e.event.contract.buyer).sort()).toEqual(
      ['id', 'inProvince', 'isHighTech', 'isSme', 'isSpecialized', 'name', 'tenantCode', 'type'].sort(),
    );
  });

  it('money received is dated by the day it arrived', () => {
    const d = {
      ...envelope,
      type: 'payment.received',
      contract: contract(),
      payment: { id: 'p1', receivedOn: '2026-05-06', amountFen: 100_00 },
    } as PolicyDomainEvent;
    expect(toEngineEvent(d)).toMatchObject({ key: 'original', event: { occurredOn: '2026-05-06' }, reference: { paymentId: 'p1' } });
  });

  it('a published entry concerns every tenant; a year close only the closing tenant, dated 31 December', () => {
    const published = {
      ...envelope,
      type: 'catalog.published',
      kind: 'patent',
      entry: {
        id: 'p9',
        title: '玉米',
        field: 'modern_agriculture',
        ipcClasses: ['A01B'],
        publishedOn: '2026-04-01',
        owner: org('jlu', '220104', 'university_institute'),
      },
    } as PolicyDomainEvent;
    expect(toEngineEvent(published)).toMatchObject({
      key: 'p9',
      scope: { kind: 'everywhere' },
      event: { occurredOn: '2026-04-01', tenantCode: '220104' },
    });
    expect(eventTenantIds(published)).toEqual([]);
    const closed = {
      ...envelope,
      type: 'year.closed',
      tenantId: 't-220000',
      tenantCode: '220000',
      year: 2026,
      institutions: [{ institution: org('jlu', '220104', 'university_institute'), patentsTransferred: 51, receivedFen: 9_00 }],
    } as PolicyDomainEvent;
    const e = toEngineEvent(closed);
    expect(e).toMatchObject({ key: '220000:2026', scope: { kind: 'tenant', tenantId: 't-220000' }, event: { occurredOn: '2026-12-31' } });
    if (e.event.type !== 'year.closed') throw new Error('type');
    expect(e.event.institutions[0]).toMatchObject({ year: 2026, patentsTransferred: 51, institution: { id: 'jlu', tenantCode: '220104' } });
  });
});
