import type { RegisteredContractFacts } from '@techmarket/contracts';

/**
 * How one registered contract counts in the roll-up: its dimensions, its measures and the
 * places of the tenant tree it counts in. Pure: the same function serves the in-transaction
 * update and the rebuild, so the two can only differ if their inputs do.
 */

/** 登记 (by the registration tenant), 技术输出 (by the seller's tenant), 技术吸纳 (by the buyer's tenant). */
export const SIDES = ['registered', 'output', 'input'] as const;
export type Side = (typeof SIDES)[number];

/** Buyer categories, exclusive, first match wins: outside the province, 专精特新, SME, 高新 (not an SME), large firm, other (not a firm). */
export const BUYER_CATEGORIES = ['outside', 'specialized', 'sme', 'high_tech', 'large', 'other'] as const;
export type BuyerCategory = (typeof BUYER_CATEGORIES)[number];
/** 中小企业 in the sense of 吉知产联字〔2021〕1号: SMEs, 专精特新 included. */
export const SME_CATEGORIES: BuyerCategory[] = ['specialized', 'sme'];

export const SELLER_CATEGORIES = ['university_institute', 'enterprise', 'other'] as const;
export type SellerCategory = (typeof SELLER_CATEGORIES)[number];

/** 就地转化: where the technology went, seen from the seller. */
export const FLOWS = ['same_county', 'same_city', 'province', 'outside'] as const;
export type Flow = (typeof FLOWS)[number];

export const UNKNOWN_FIELD = 'unknown';

export interface Measures {
  contracts: number;
  amountFen: number;
  techTransactionFen: number;
  receivedFen: number;
  patents: number;
}

export interface Dimensions {
  /** First day of the China month the chain was first registered in, `YYYY-MM-01`. */
  month: string;
  contractType: string;
  field: string;
  buyerCategory: BuyerCategory;
  sellerCategory: SellerCategory;
  flow: Flow;
  withPatents: boolean;
}

/** One place a contract counts in: a tenant on a side, and the child of that tenant it came through ('' = the tenant itself). */
export interface Placement {
  side: Side;
  tenantCode: string;
  childCode: string;
}

export interface Contribution {
  rootId: string;
  contractId: string;
  dims: Dimensions;
  measures: Measures;
  placements: Placement[];
}

export function buyerCategory(b: RegisteredContractFacts['buyer']): BuyerCategory {
  if (!b.inProvince) return 'outside';
  if (b.type !== 'enterprise') return 'other';
  if (b.isSpecialized) return 'specialized';
  if (b.isSme) return 'sme';
  if (b.isHighTech) return 'high_tech';
  return 'large';
}

export function sellerCategory(s: RegisteredContractFacts['seller']): SellerCategory {
  return s.type === 'university_institute' || s.type === 'enterprise' ? s.type : 'other';
}

/** The most frequent field among the contract's patents (ties: the first in code-point order); 'unknown' without one. */
export function industryField(patents: RegisteredContractFacts['patents']): string {
  const counts = new Map<string, number>();
  for (const p of patents) if (p.field) counts.set(p.field, (counts.get(p.field) ?? 0) + 1);
  let best: string | null = null;
  for (const [f, n] of counts) {
    const b = best === null ? 0 : counts.get(best)!;
    if (n > b || (n === b && best !== null && f < best)) best = f;
  }
  return best ?? UNKNOWN_FIELD;
}

/**
 * Same county (both parties in the same county-tier tenant), same city (same city-tier tenant),
 * elsewhere in the province, or outside it (either party outside the province).
 */
export function flow(seller: RegisteredContractFacts['seller'], buyer: RegisteredContractFacts['buyer']): Flow {
  if (!seller.inProvince || !buyer.inProvince) return 'outside';
  const [s, b] = [seller.tenantPath, buyer.tenantPath];
  if (s.length >= 3 && b.length >= 3 && s[2] === b[2]) return 'same_county';
  if (s.length >= 2 && b.length >= 2 && s[1] === b[1]) return 'same_city';
  return 'province';
}

/** `path` = codes from the root down; a contract counts at every tenant on it, through the next code below. */
function placements(side: Side, path: string[]): Placement[] {
  return path.map((code, i) => ({ side, tenantCode: code, childCode: path[i + 1] ?? '' }));
}

/**
 * The contribution of a registered contract. `registrationPath` is the path of `c.tenantCode`
 * (the registration tenant). 技术输出 counts only for a seller in the province, 技术吸纳 only
 * for a buyer in it. Money received is that of the chain so far, counted in the month of the
 * chain's first registration, like the contract itself.
 */
export function contribution(c: RegisteredContractFacts, registrationPath: string[]): Contribution {
  const first = c.firstRegisteredOn ?? c.registeredOn;
  return {
    rootId: c.rootId,
    contractId: c.id,
    dims: {
      month: `${first.slice(0, 7)}-01`,
      contractType: c.contractType,
      field: industryField(c.patents),
      buyerCategory: buyerCategory(c.buyer),
      sellerCategory: sellerCategory(c.seller),
      flow: flow(c.seller, c.buyer),
      withPatents: c.patents.length > 0,
    },
    measures: {
      contracts: 1,
      amountFen: c.amountFen,
      techTransactionFen: c.techTransactionFen,
      receivedFen: c.receivedFen,
      patents: c.patents.length,
    },
    placements: [
      ...placements('registered', registrationPath),
      ...(c.seller.inProvince ? placements('output', c.seller.tenantPath) : []),
      ...(c.buyer.inProvince ? placements('input', c.buyer.tenantPath) : []),
    ],
  };
}
