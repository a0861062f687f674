/**
 * 推送活动的目标企业 (segment) and 推送内容 (set): what they may name, and which organisations a
 * segment takes (pure, so preview, launch and the unit tests use the same rule).
 */

/** Enterprise statuses a segment may ask for: 中小企业, 专精特新, 高新技术企业. */
export const SEGMENT_STATUSES = ['sme', 'specialized', 'highTech'] as const;
export type SegmentStatus = (typeof SEGMENT_STATUSES)[number];
export const SEGMENT_STATUS_LABELS: Record<SegmentStatus, string> = { sme: '中小企业', specialized: '专精特新', highTech: '高新技术企业' };

export interface CampaignSegment {
  /** 地域: the tenant whose subtree the enterprises are registered in (e.g. 长春市 220100, or one county). */
  tenantCode: string;
  /** Any of these statuses (an enterprise holding one of them is in); none given: every enterprise. */
  statuses?: SegmentStatus[];
  /** 行业领域: any of these (as the enterprise's published demands say); none given: every field. */
  fields?: string[];
}

export const SET_KINDS = ['patent', 'achievement'] as const;
export type SetKind = (typeof SET_KINDS)[number];

export interface CampaignSet {
  kind: SetKind;
  /** Only entries with an open licence (开放许可). */
  openLicenceOnly?: boolean;
  fields?: string[];
  /** Words the entries contain (any of them). */
  keywords?: string[];
  /** Owned in this tenant's subtree. */
  tenantCode?: string;
}

/** The facts of an organisation the segment is decided on (core's OrganizationFacts has them). */
export interface SegmentCandidate {
  id: string;
  type: string;
  isSme: boolean;
  isSpecialized: boolean;
  isHighTech: boolean;
  tenantPath: string[];
}

const STATUS_FACT: Record<SegmentStatus, 'isSme' | 'isSpecialized' | 'isHighTech'> = {
  sme: 'isSme',
  specialized: 'isSpecialized',
  highTech: 'isHighTech',
};

/** Whether an organisation (with its fields) is in the segment; its tenant subtree is checked by the caller's query. */
export function inSegment(o: SegmentCandidate, fields: string[], s: CampaignSegment): boolean {
  if (o.type !== 'enterprise') return false;
  if (s.statuses?.length && !s.statuses.some((st) => o[STATUS_FACT[st]])) return false;
  if (s.fields?.length && !s.fields.some((f) => fields.includes(f))) return false;
  return true;
}

export interface FieldProblem {
  field: string;
  code: string;
  args?: unknown[];
}

/**
 * What the database must confirm about a segment and a set: their tenants exist and lie in the
 * caller's subtree (a city admin targets only its own counties). `known` maps a tenant code to its
 * id; `subtree` holds the ids the caller may target. The first problem, named by its field.
 */
export function scopeProblem(
  segment: CampaignSegment,
  set: CampaignSet,
  known: Map<string, string>,
  subtree: ReadonlySet<string>,
): FieldProblem | null {
  const id = known.get(segment.tenantCode);
  if (!id) return { field: 'segment.tenantCode', code: 'unknownTenantCode' };
  if (!subtree.has(id)) return { field: 'segment.tenantCode', code: 'tenantOutsideScope' };
  if (set.tenantCode !== undefined && !known.has(set.tenantCode)) return { field: 'set.tenantCode', code: 'unknownTenantCode' };
  return null;
}
