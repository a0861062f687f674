import { describe, expect, it } from '@jest/globals';
import type { Role } from '@techmarket/core/module-api';
import { type Home, matrixRow, record } from '@techmarket/core/testing';
import { attributeNotice, matchFunnel, type NoticeForAttribution } from './attribution.js';
import './campaigns.registration.js';
import { childCode } from './tiers.js';

/** A notice about firm F's demand told to university U, on 2026-03-01. */
const notice = (over: Partial<NoticeForAttribution> = {}): NoticeForAttribution => ({
  noticeId: 'n1',
  demandId: 'dm1',
  demandOrganizationId: 'F',
  recipientOrganizationId: 'U',
  patentNumber: null,
  notifiedOn: '2026-03-01',
  ...over,
});
const contract = { buyerOrganizationId: 'F', sellerOrganizationId: 'U', signedOn: '2026-06-01', patentNumbers: [] as string[] };

describe('match notice attribution (撮合归因)', () => {
  it('credits a contract whose buyer is the demand’s owner and whose seller is the organisation told', () => {
    expect(attributeNotice(contract, [notice()])).toEqual({ noticeId: 'n1', demandId: 'dm1', rule: 'seller' });
  });

  it('does not credit the other direction, another buyer, another seller, or a notice without a known demand owner', () => {
    expect(attributeNotice({ ...contract, buyerOrganizationId: 'U', sellerOrganizationId: 'F' }, [notice()])).toBeNull();
    expect(attributeNotice({ ...contract, buyerOrganizationId: 'G' }, [notice()])).toBeNull();
    expect(attributeNotice({ ...contract, sellerOrganizationId: 'V' }, [notice()])).toBeNull();
    expect(attributeNotice(contract, [notice({ demandOrganizationId: null })])).toBeNull();
    // An expert told without an organisation is never matched by a seller.
    expect(attributeNotice(contract, [notice({ recipientOrganizationId: null })])).toBeNull();
  });

  it('credits a contract naming the matched patent whoever sells it, and prefers it to a seller match', () => {
    const patent = notice({ noticeId: 'n-patent', recipientOrganizationId: 'W', patentNumber: '202110123456.7' });
    const named = { ...contract, patentNumbers: ['202110123456.7'] };
    expect(attributeNotice({ ...named, sellerOrganizationId: 'Z' }, [patent])?.rule).toBe('entry');
    expect(attributeNotice(named, [notice({ notifiedOn: '2026-05-01' }), patent])).toEqual({
      noticeId: 'n-patent',
      demandId: 'dm1',
      rule: 'entry',
    });
  });

  it('counts only contracts signed on or after the notice’s day and within 365 days; the latest notice wins', () => {
    expect(attributeNotice({ ...contract, signedOn: '2026-02-28' }, [notice()])).toBeNull();
    expect(attributeNotice({ ...contract, signedOn: '2026-03-01' }, [notice()])?.noticeId).toBe('n1');
    expect(attributeNotice({ ...contract, signedOn: '2027-03-01' }, [notice()])?.noticeId).toBe('n1');
    expect(attributeNotice({ ...contract, signedOn: '2027-03-02' }, [notice()])).toBeNull();
    const later = notice({ noticeId: 'n2', demandId: 'dm2', notifiedOn: '2026-04-01' });
    expect(attributeNotice(contract, [notice(), later])?.noticeId).toBe('n2');
    // Two notices of one day: the later instant wins, whatever the ids.
    const morning = notice({ noticeId: 'z-morning', notifiedAt: '2026-03-01T01:00:00.000Z' });
    const evening = notice({ noticeId: 'a-evening', notifiedAt: '2026-03-01T10:00:00.000Z' });
    expect(attributeNotice(contract, [evening, morning])?.noticeId).toBe('a-evening');
    expect(attributeNotice(contract, [morning, evening])?.noticeId).toBe('a-evening');
  });
});

describe('match funnel (撮合漏斗)', () => {
  it('counts notices per stage and sums the credited contracts’ 合同金额 and 技术交易额', () => {
    const base = { answered: false, contacted: false, contract: null };
    expect(
      matchFunnel([
        base,
        { ...base, answered: true },
        { answered: true, contacted: true, contract: { amountFen: 30_000_000, techTransactionFen: 25_000_000 } },
        { ...base, contract: { amountFen: 1_000, techTransactionFen: 1_000 } },
      ]),
    ).toEqual({ told: 4, answered: 2, contacted: 1, contracted: 2, contractAmountFen: 30_001_000, techTransactionFen: 25_001_000 });
  });

  it('sums a row into the asked tenant’s child (a province’s city, a city’s county) or into itself', () => {
    expect(childCode('220000.220100.220122', '220000')).toBe('220100');
    expect(childCode('220000.220100.220122', '220000.220100')).toBe('220122');
    expect(childCode('220000.220100', '220000.220100')).toBe('220100');
  });
});

describe('match loop permissions (撮合闭环)', () => {
  // Contacts (C R) and the funnel (R) on the demand's tenant: own, descendant, ancestor, sibling.
  const MATRIX: [Role, Home, string[], string[]][] = [
    ['platform_admin', 'P', ['CR', 'CR', '-', ''], ['R', 'R', '-', '']],
    ['bureau_admin', 'C', ['CR', 'CR', '', ''], ['R', 'R', '', '']],
    ['center_staff', 'K', ['CR', '-', '', ''], ['R', '-', '', '']],
    ['broker', 'C', ['CR', 'CR', '', ''], ['', '', '', '']],
    ['reviewer', 'C', ['', '', '', ''], ['', '', '', '']],
    ['enterprise_member', 'K', ['', '-', '', ''], ['', '-', '', '']],
  ];
  it.each(MATRIX)('%s at %s', (role, home, contacts, funnel) => {
    expect(matrixRow(role, home, 'CR', (tenantId) => record('MatchContact', { tenantId }))).toEqual(contacts);
    expect(matrixRow(role, home, 'R', (tenantId) => record('MatchLoop', { tenantId }))).toEqual(funnel);
  });
});
