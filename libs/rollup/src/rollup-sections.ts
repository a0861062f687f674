import type { Period } from './period.js';

/** The tenant a section is asked about: the one the caller may read (checked by the roll-up). */
export interface SectionTenant {
  id: string;
  code: string;
  name: string;
  /** ltree path of GB/T 2260 codes, e.g. `220000.220100`. */
  path: string;
}

/**
 * 统计扩展: figures a later module adds to the roll-up's statistics of a tenant and period, under its
 * own key (e.g. `campaigns`: the closed loop of push campaigns, per child tenant). The roll-up names
 * none of them: a module that depends on it registers a section when its Nest module starts; the
 * statistics route (`GET /rollup/statistics`) answers them in `sections` after its own CASL check.
 */
export type RollupSection = (tenant: SectionTenant, period: Period) => Promise<unknown>;

const SECTIONS = new Map<string, RollupSection>();

export function registerRollupSection(name: string, section: RollupSection): void {
  SECTIONS.set(name, section);
}

export function hasRollupSections(): boolean {
  return SECTIONS.size > 0;
}

/** Every registered section's figures for the tenant and period, by name. */
export async function rollupSections(tenant: SectionTenant, period: Period): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [name, section] of SECTIONS) out[name] = await section(tenant, period);
  return out;
}
