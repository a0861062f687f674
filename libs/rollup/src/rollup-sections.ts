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

/** A cell of a section's table in the periodic report: text, a count, an amount in fen, or a share (0–1). */
export type ReportCell = string | { count: number } | { fen: number } | { share: number | null };

/**
 * How a section shows in the periodic reports (定期通报): one table — a sheet of the workbook and a
 * part of the printable page. `title` is the part's heading and (cut to 31 characters) the sheet's name.
 */
export interface SectionTable {
  title: string;
  headings: string[];
  rows: ReportCell[][];
}

const SECTIONS = new Map<string, { figures: RollupSection; table?: (figures: never) => SectionTable }>();

/**
 * `table`, when given, turns the section's figures into its table in the periodic reports; a
 * section without one is in the statistics route only.
 */
export function registerRollupSection<F>(
  name: string,
  section: (tenant: SectionTenant, period: Period) => Promise<F>,
  table?: (figures: F) => SectionTable,
): void {
  SECTIONS.set(name, { figures: section, table: table as ((figures: never) => SectionTable) | undefined });
}

export function hasRollupSections(): boolean {
  return SECTIONS.size > 0;
}

/** Every registered section's figures for the tenant and period, by name. */
export async function rollupSections(tenant: SectionTenant, period: Period): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [name, section] of SECTIONS) out[name] = await section.figures(tenant, period);
  return out;
}

/** The tables of the sections that have one, in registration order, for the tenant and period. */
export async function rollupReportTables(tenant: SectionTenant, period: Period): Promise<SectionTable[]> {
  const out: SectionTable[] = [];
  for (const section of SECTIONS.values()) if (section.table) out.push(section.table((await section.figures(tenant, period)) as never));
  return out;
}
