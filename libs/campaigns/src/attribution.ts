/**
 * 闭环归因: which push a registered contract is credited to (pure). The rule
 * (docs/decisions/0019-campaigns.md): a contract whose BUYER is the recipient organisation and
 * that either NAMES a pushed patent (by application number) or whose SELLER owns a pushed entry,
 * signed on or after the day the mail was accepted and within `windowDays` of it. Naming the
 * entry beats a seller match; among equals the latest push wins (last touch). One push per contract.
 */

export const ATTRIBUTION_WINDOW_DAYS = 365;

export interface ContractForAttribution {
  buyerOrganizationId: string;
  sellerOrganizationId: string;
  /** China date, YYYY-MM-DD. */
  signedOn: string;
  patentNumbers: string[];
}

export interface PushForAttribution {
  deliveryId: string;
  campaignId: string;
  organizationId: string;
  /** China date the SMTP server accepted the mail. */
  sentOn: string;
  /** The instant (ISO 8601), when known: orders two touches of one day. */
  sentAt?: string;
  items: { organizationId: string | null; reference: string | null }[];
}

export interface Attribution {
  deliveryId: string;
  campaignId: string;
  rule: 'entry' | 'seller';
}

const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

type Touch = { sentOn: string; sentAt: string; deliveryId: string };
/** Last touch: the later day, then the later instant, then (a stable tie-break) the greater id. */
const later = (a: Touch, b: Touch) =>
  a.sentOn !== b.sentOn ? a.sentOn > b.sentOn : a.sentAt !== b.sentAt ? a.sentAt > b.sentAt : a.deliveryId > b.deliveryId;

export function attribute(
  c: ContractForAttribution,
  pushes: PushForAttribution[],
  windowDays = ATTRIBUTION_WINDOW_DAYS,
): Attribution | null {
  let best: (Attribution & { sentOn: string; sentAt: string }) | null = null;
  for (const p of pushes) {
    if (p.organizationId !== c.buyerOrganizationId) continue;
    const gap = day(c.signedOn) - day(p.sentOn);
    if (gap < 0 || gap > windowDays) continue;
    const names = p.items.some((i) => i.reference !== null && c.patentNumbers.includes(i.reference));
    const sells = p.items.some((i) => i.organizationId === c.sellerOrganizationId);
    if (!names && !sells) continue;
    const rule = names ? 'entry' : 'seller';
    const better =
      !best || (rule === 'entry' && best.rule === 'seller') || (rule === best.rule && later({ ...p, sentAt: p.sentAt ?? '' }, best));
    if (better) best = { deliveryId: p.deliveryId, campaignId: p.campaignId, rule, sentOn: p.sentOn, sentAt: p.sentAt ?? '' };
  }
  return best && { deliveryId: best.deliveryId, campaignId: best.campaignId, rule: best.rule };
}

/** The funnel of a set of deliveries: each stage counts recipients, not events. */
export interface FunnelRow {
  recipients: number;
  delivered: number;
  bounced: number;
  opened: number;
  clicked: number;
  interested: number;
  contacted: number;
  contracted: number;
  contractAmountFen: number;
}

export interface DeliveryFacts {
  state: string;
  opened: boolean;
  clicked: boolean;
  interested: boolean;
  contacted: boolean;
  contractAmountFen: number | null;
}

/** Sums deliveries into a funnel row (a click implies the mail was opened, whatever the pixel said). */
export function funnel(rows: DeliveryFacts[]): FunnelRow {
  const f: FunnelRow = {
    recipients: 0,
    delivered: 0,
    bounced: 0,
    opened: 0,
    clicked: 0,
    interested: 0,
    contacted: 0,
    contracted: 0,
    contractAmountFen: 0,
  };
  for (const r of rows) {
    f.recipients++;
    if (r.state === 'sent') f.delivered++;
    if (r.state === 'bounced') f.bounced++;
    if (r.opened || r.clicked || r.interested) f.opened++;
    if (r.clicked) f.clicked++;
    if (r.interested) f.interested++;
    if (r.contacted) f.contacted++;
    if (r.contractAmountFen !== null) {
      f.contracted++;
      f.contractAmountFen += r.contractAmountFen;
    }
  }
  return f;
}

/**
 * A match notice (匹配通知, libs/matching) as the closed loop sees it: the demand's owner is the side
 * that buys, the organisation told (an entry's owner, an expert's organisation) the side that sells.
 */
export interface NoticeForAttribution {
  noticeId: string;
  demandId: string;
  demandOrganizationId: string | null;
  recipientOrganizationId: string | null;
  /** The matched patent's application number, when the notice was about a patent. */
  patentNumber: string | null;
  /** China date the notice was sent. */
  notifiedOn: string;
  /** The instant (ISO 8601): the later of two notices of one day wins. */
  notifiedAt?: string;
}

export interface NoticeAttribution {
  noticeId: string;
  demandId: string;
  rule: 'entry' | 'seller';
}

/**
 * 撮合归因: the same rule as a push's, turned round — a contract whose BUYER is the demand's owner
 * and that either NAMES the matched patent or whose SELLER is the organisation told, signed on or
 * after the day of the notice and within `windowDays`; naming beats a seller match, then the latest
 * notice wins.
 */
export function attributeNotice(
  c: ContractForAttribution,
  notices: NoticeForAttribution[],
  windowDays = ATTRIBUTION_WINDOW_DAYS,
): NoticeAttribution | null {
  const asPushes: PushForAttribution[] = notices.flatMap((n) =>
    n.demandOrganizationId
      ? [
          {
            deliveryId: n.noticeId,
            campaignId: n.demandId,
            organizationId: n.demandOrganizationId,
            sentOn: n.notifiedOn,
            sentAt: n.notifiedAt,
            items: [{ organizationId: n.recipientOrganizationId, reference: n.patentNumber }],
          },
        ]
      : [],
  );
  const a = attribute(c, asPushes, windowDays);
  return a && { noticeId: a.deliveryId, demandId: a.campaignId, rule: a.rule };
}

/** The closed loop of match notices: told, answered (表达意向), put in contact, contracts and their amounts. */
export interface MatchFunnelRow {
  told: number;
  answered: number;
  contacted: number;
  contracted: number;
  /** 合同金额 of the credited contracts, fen. */
  contractAmountFen: number;
  /** 技术交易额 of the credited contracts, fen. */
  techTransactionFen: number;
}

export interface NoticeLoopFacts {
  answered: boolean;
  contacted: boolean;
  /** The credited contracts' sums, or null when none was credited. */
  contract: { amountFen: number; techTransactionFen: number } | null;
}

/** Sums notices into a funnel row (each stage counts notices, i.e. recipients told about one demand). */
export function matchFunnel(rows: NoticeLoopFacts[]): MatchFunnelRow {
  const f: MatchFunnelRow = { told: 0, answered: 0, contacted: 0, contracted: 0, contractAmountFen: 0, techTransactionFen: 0 };
  for (const r of rows) {
    f.told++;
    if (r.answered) f.answered++;
    if (r.contacted) f.contacted++;
    if (r.contract) {
      f.contracted++;
      f.contractAmountFen += r.contract.amountFen;
      f.techTransactionFen += r.contract.techTransactionFen;
    }
  }
  return f;
}
