import { describe, expect, it } from '@jest/globals';
import type { CorpusEntry } from '@techmarket/catalog';
import { defineAbilityFor, type Role } from '@techmarket/core/module-api';
import { type Home, matrixRow, principalAt, record } from '@techmarket/core/testing';
import { attribute, funnel, type PushForAttribution } from './attribution.js';
import { campaignMail, deliveryLinks } from './campaign-mail.js';
import './campaigns.registration.js';
import { personalise } from './personalise.js';
import { campaignFunnelTable, matchFunnelTable } from './report-tables.js';
import { inSegment, scopeProblem, type SegmentCandidate } from './segment.js';
import { linkSecret, signLink, verifyLink } from './signing.js';

const org = (over: Partial<SegmentCandidate> = {}): SegmentCandidate => ({
  id: 'o1',
  type: 'enterprise',
  isSme: false,
  isSpecialized: false,
  isHighTech: false,
  tenantPath: ['220000', '220100', '220122'],
  ...over,
});

describe('campaign segment (目标企业)', () => {
  it('takes enterprises holding any asked status and working in any asked field; nothing asked takes every enterprise', () => {
    const seg = { tenantCode: '220100', statuses: ['sme' as const, 'highTech' as const], fields: ['modern_agriculture'] };
    expect(inSegment(org({ isSme: true }), ['modern_agriculture'], seg)).toBe(true);
    expect(inSegment(org({ isHighTech: true }), ['new_materials', 'modern_agriculture'], seg)).toBe(true);
    expect(inSegment(org({ isSpecialized: true }), ['modern_agriculture'], seg)).toBe(false);
    expect(inSegment(org({ isSme: true }), ['new_materials'], seg)).toBe(false);
    expect(inSegment(org({ isSme: true }), [], seg)).toBe(false);
    expect(inSegment(org({ type: 'university_institute', isSme: true }), ['modern_agriculture'], seg)).toBe(false);
    expect(inSegment(org(), [], { tenantCode: '220100' })).toBe(true);
  });

  it('names the field when the segment’s tenant is unknown or outside the caller’s subtree', () => {
    const known = new Map([
      ['220100', 'cc'],
      ['220122', 'nongan'],
      ['220200', 'jl'],
    ]);
    const city = new Set(['cc', 'nongan']);
    const set = { kind: 'patent' as const };
    expect(scopeProblem({ tenantCode: '220122' }, set, known, city)).toBeNull();
    expect(scopeProblem({ tenantCode: '220200' }, set, known, city)).toEqual({ field: 'segment.tenantCode', code: 'tenantOutsideScope' });
    expect(scopeProblem({ tenantCode: '229999' }, set, known, city)).toEqual({ field: 'segment.tenantCode', code: 'unknownTenantCode' });
    expect(scopeProblem({ tenantCode: '220100' }, { ...set, tenantCode: '229999' }, known, city)).toEqual({
      field: 'set.tenantCode',
      code: 'unknownTenantCode',
    });
  });
});

describe('signed links (退订、打开、点击、意向)', () => {
  const secret = linkSecret({ JWT_SECRET: 'x'.repeat(40) });
  it('verifies only the same purpose, delivery and entry under the same secret', () => {
    const sig = signLink(secret, 'click', 'd1', 'e1');
    expect(verifyLink(secret, sig, 'click', 'd1', 'e1')).toBe(true);
    expect(verifyLink(secret, sig, 'click', 'd2', 'e1')).toBe(false);
    expect(verifyLink(secret, sig, 'click', 'd1', 'e2')).toBe(false);
    expect(verifyLink(secret, sig, 'interest', 'd1', 'e1')).toBe(false);
    expect(verifyLink(linkSecret({ JWT_SECRET: 'y'.repeat(40) }), sig, 'click', 'd1', 'e1')).toBe(false);
    expect(verifyLink(secret, `${sig}x`, 'click', 'd1', 'e1')).toBe(false);
    expect(linkSecret({ JWT_SECRET: 'x'.repeat(40), CAMPAIGN_LINK_SECRET: 'z'.repeat(32) })).toBe('z'.repeat(32));
  });

  it('puts the one-click unsubscribe headers and a fixed Message-ID on the mail', () => {
    const links = deliveryLinks('https://market.example.cn/', secret, 'd1');
    const m = campaignMail(
      { deliveryId: 'd1', to: 'a@b.cn', organizationName: '禾丰', subject: 's', intro: '', items: [], senderName: '大市场' },
      links,
      'techmarket.local',
    );
    expect(m.headers['List-Unsubscribe']).toBe(`<https://market.example.cn/campaigns/u/d1/${signLink(secret, 'unsubscribe', 'd1')}>`);
    expect(m.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(m.messageId).toBe('<campaign.d1@techmarket.local>');
  });
});

describe('closed-loop attribution (闭环归因)', () => {
  const push = (over: Partial<PushForAttribution> = {}): PushForAttribution => ({
    deliveryId: 'd1',
    campaignId: 'c1',
    organizationId: 'buyer',
    sentOn: '2026-03-01',
    items: [{ organizationId: 'seller', reference: '202110123456.7' }],
    ...over,
  });
  const contract = { buyerOrganizationId: 'buyer', sellerOrganizationId: 'seller', signedOn: '2026-04-01', patentNumbers: [] as string[] };

  it('credits a contract of the recipient as buyer with the pushed entry’s owner as seller, within the window after the push', () => {
    expect(attribute(contract, [push()])).toEqual({ deliveryId: 'd1', campaignId: 'c1', rule: 'seller' });
    expect(attribute({ ...contract, signedOn: '2026-02-28' }, [push()])).toBeNull(); // before the push
    expect(attribute({ ...contract, signedOn: '2027-03-02' }, [push()])).toBeNull(); // 366 days later
    expect(attribute({ ...contract, signedOn: '2027-03-01' }, [push()])).not.toBeNull(); // day 365
    expect(attribute({ ...contract, buyerOrganizationId: 'other' }, [push()])).toBeNull();
    expect(attribute({ ...contract, sellerOrganizationId: 'other' }, [push()])).toBeNull();
  });

  it('prefers a push that names the contract’s patent, then the latest push', () => {
    const named = push({ deliveryId: 'd-named', sentOn: '2026-01-01', items: [{ organizationId: 'x', reference: '202110123456.7' }] });
    const bySeller = [{ organizationId: 'seller', reference: null }];
    const later = push({ deliveryId: 'd-later', sentOn: '2026-03-15', items: bySeller });
    const earlier = push({ deliveryId: 'd-earlier', sentOn: '2026-02-01', items: bySeller });
    expect(attribute({ ...contract, patentNumbers: ['202110123456.7'] }, [later, named, earlier])?.deliveryId).toBe('d-named');
    expect(attribute(contract, [earlier, later])?.deliveryId).toBe('d-later');
    expect(attribute({ ...contract, sellerOrganizationId: 'x', patentNumbers: ['202110123456.7'] }, [named])?.rule).toBe('entry');
  });

  it('counts recipients per stage; a click or interest counts as opened', () => {
    const base = { state: 'sent', opened: false, clicked: false, interested: false, contacted: false, contractAmountFen: null };
    expect(
      funnel([
        base,
        { ...base, clicked: true },
        { ...base, opened: true, interested: true, contacted: true, contractAmountFen: 500_000 },
        { ...base, state: 'bounced' },
        { ...base, contractAmountFen: 120_000 },
      ]),
    ).toEqual({
      recipients: 5,
      delivered: 4,
      bounced: 1,
      opened: 2,
      clicked: 1,
      interested: 1,
      contacted: 1,
      contracted: 2,
      contractAmountFen: 620_000,
    });
  });
});

describe('campaign permissions (推送活动)', () => {
  // C create, R read, U update, L launch… here: C R U and launch checked separately.
  const campaign = (tenantId: string) => record('Campaign', { tenantId });
  const MATRIX: [Role, Home, string, string, string, string][] = [
    ['platform_admin', 'P', 'CRU', 'CRU', '-', ''],
    ['bureau_admin', 'C', 'CRU', 'CRU', '', ''],
    ['center_staff', 'K', 'R', '-', '', ''],
    ['reviewer', 'C', '', '', '', ''],
    ['broker', 'C', '', '', '', ''],
    ['enterprise_member', 'K', '', '-', '', ''],
  ];
  it.each(MATRIX)('%s at %s', (role, home, ...expected) => {
    expect(matrixRow(role, home, 'CRU', campaign)).toEqual(expected);
  });

  it('only province and city admins launch, in their subtree; brokers and staff record contacts in theirs', () => {
    const can = (role: Role, home: Home, action: 'launch' | 'create', subject: string, tenantId: string) =>
      defineAbilityFor(principalAt(role, home)).can(action, record(subject, { tenantId }) as never);
    expect([can('platform_admin', 'P', 'launch', 'Campaign', 'k'), can('bureau_admin', 'C', 'launch', 'Campaign', 'c')]).toEqual([
      true,
      true,
    ]);
    expect([can('bureau_admin', 'C', 'launch', 'Campaign', 's'), can('center_staff', 'K', 'launch', 'Campaign', 'k')]).toEqual([
      false,
      false,
    ]);
    expect([can('broker', 'C', 'create', 'CampaignContact', 'k'), can('center_staff', 'K', 'create', 'CampaignContact', 'k')]).toEqual([
      true,
      true,
    ]);
    expect([can('broker', 'C', 'create', 'CampaignContact', 's'), can('enterprise_member', 'K', 'create', 'CampaignContact', 'k')]).toEqual(
      [false, false],
    );
  });
});

describe('personalised items (个性化)', () => {
  const weights = { text: 0.4, field: 0.15, ipc: 0, maturity: 0.1, price: 0.1, licence: 0.1, locality: 0.15 };
  const entry = (id: string, over: Partial<CorpusEntry>): CorpusEntry => ({
    kind: 'patent',
    id,
    status: 'published',
    title: id,
    body: '',
    tenantId: 't',
    tenantCode: '220000',
    organizationId: `org-${id}`,
    organizationName: null,
    divisionCode: '220000',
    fields: [],
    trl: null,
    legalStatus: 'granted',
    priceFen: null,
    priceNegotiable: true,
    openLicence: true,
    freeLicence: false,
    useFirstPayLater: false,
    budgetMinFen: null,
    budgetMaxFen: null,
    userId: null,
    contactEmail: null,
    reference: null,
    ipcClasses: [],
    length: 0,
    tf: {},
    ...over,
  });

  it('ranks by field fit and locality without text, each item with its reasons (no relevance gate: a segment has no text)', () => {
    const set = [
      entry('elsewhere', { fields: ['new_materials'], divisionCode: '110000' }),
      entry('local-farm', { fields: ['modern_agriculture'], divisionCode: '220122' }),
    ];
    const items = personalise({ organizationId: 'buyer', fields: ['modern_agriculture'], divisionCode: '220122' }, set, weights, 2);
    expect(items.map((i) => i.id)).toEqual(['local-farm', 'elsewhere']);
    expect(items[0].score).toBeGreaterThan(items[1].score);
    expect(items[0].reasons.length).toBeGreaterThan(0);
  });
});

describe('the closed loops in the periodic reports (定期通报)', () => {
  it('lays a funnel out per child tenant, then 合计, with counts and amounts typed for the workbook', () => {
    const row = {
      recipients: 3,
      delivered: 2,
      bounced: 1,
      opened: 2,
      clicked: 1,
      interested: 1,
      contacted: 1,
      contracted: 1,
      contractAmountFen: 12_345,
    };
    const t = campaignFunnelTable({ total: row, byTenant: [{ tenantCode: '220122', tenantName: '农安县', ...row }] });
    expect(t.title).toBe('推送活动闭环（按下级区域）');
    expect(t.headings).toHaveLength(10);
    expect(t.rows).toEqual([
      [
        '农安县',
        { count: 3 },
        { count: 2 },
        { count: 1 },
        { count: 2 },
        { count: 1 },
        { count: 1 },
        { count: 1 },
        { count: 1 },
        { fen: 12_345 },
      ],
      [
        '合计',
        { count: 3 },
        { count: 2 },
        { count: 1 },
        { count: 2 },
        { count: 1 },
        { count: 1 },
        { count: 1 },
        { count: 1 },
        { fen: 12_345 },
      ],
    ]);
    const m = { told: 5, answered: 2, contacted: 1, contracted: 1, contractAmountFen: 100, techTransactionFen: 80 };
    const mt = matchFunnelTable({ total: m, byTenant: [] });
    expect([mt.headings.length, mt.rows]).toEqual([
      7,
      [['合计', { count: 5 }, { count: 2 }, { count: 1 }, { count: 1 }, { fen: 100 }, { fen: 80 }]],
    ]);
  });
});
