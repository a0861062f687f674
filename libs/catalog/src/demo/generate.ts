import { INDUSTRY_FIELDS, MATURITY_TRL, type IndustryField, type MaturityStage } from '../catalog.constants.js';
import { checkDigit } from '../patent-number.js';
import { achievementText, demandText, expertText, patentText } from '../search/search-document.js';
import { bulkInsert, pgArray, type Queryable } from '../bulk.js';
import * as V from './vocabulary.js';

/** Sizes of the demo catalog. `jilin` follows DOMAIN.md; `national` is 40× (about a million achievements). */
export const DEMO_SCALES = {
  small: { achievements: 2_000, demands: 1_200, experts: 400, patents: 800, openLicences: 72, enterprises: 200 },
  jilin: { achievements: 26_000, demands: 15_000, experts: 5_000, patents: 8_000, openLicences: 723, enterprises: 1_000 },
  national: { achievements: 1_040_000, demands: 600_000, experts: 200_000, patents: 320_000, openLicences: 28_920, enterprises: 40_000 },
} as const;
export type DemoScale = keyof typeof DEMO_SCALES;

/** mulberry32: small, fast and the same on every machine for the same seed. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const chance = (p: number) => next() < p;
  const weighted = <K extends string>(w: Record<K, number>): K => {
    const entries = Object.entries(w) as [K, number][];
    let r = next() * entries.reduce((s, [, v]) => s + v, 0);
    for (const [k, v] of entries) if ((r -= v) <= 0) return k;
    return entries[entries.length - 1][0];
  };
  const uuid = () => {
    const h = Array.from({ length: 16 }, () => int(0, 255));
    h[6] = (h[6] & 0x0f) | 0x40;
    h[8] = (h[8] & 0x3f) | 0x80;
    const s = h.map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };
  return { next, int, pick, chance, weighted, uuid };
}

interface TenantRow {
  id: string;
  code: string;
  path: string;
  tier: string;
  name: string;
}
interface Org {
  id: string;
  tenant: TenantRow;
  name: string;
  type: 'university_institute' | 'enterprise';
}

const fill = (template: string, subject: string, field: IndustryField) =>
  template.replaceAll('{subject}', subject).replaceAll('{field}', INDUSTRY_FIELDS[field]);

/** The columns the generator (and the matching precision benchmark) bulk-insert, in row order. */
export const ACHIEVEMENT_COLUMNS: [string, string][] = [
  ['id', 'uuid'],
  ['tenant_id', 'uuid'],
  ['organization_id', 'uuid'],
  ['title', 'text'],
  ['summary', 'text'],
  ['field', 'text'],
  ['keywords', 'text[]'],
  ['maturity', 'text'],
  ['trl', 'smallint'],
  ['transfer_modes', 'text[]'],
  ['price_fen', 'bigint'],
  ['price_negotiable', 'boolean'],
  ['funding_source', 'text'],
  ['has_open_licence', 'boolean'],
  ['has_free_licence', 'boolean'],
  ['status', 'text'],
  ['published_at', 'timestamptz'],
  ['external_id', 'text'],
  ['contact_phone', 'text'],
];
export const DEMAND_COLUMNS: [string, string][] = [
  ['id', 'uuid'],
  ['tenant_id', 'uuid'],
  ['organization_id', 'uuid'],
  ['title', 'text'],
  ['description', 'text'],
  ['field', 'text'],
  ['budget_min_fen', 'bigint'],
  ['budget_max_fen', 'bigint'],
  ['deadline', 'date'],
  ['is_open_call', 'boolean'],
  ['reward_fen', 'bigint'],
  ['status', 'text'],
  ['published_at', 'timestamptz'],
  ['external_id', 'text'],
];

export const PATENT_COLUMNS: [string, string][] = [
  ['id', 'uuid'],
  ['tenant_id', 'uuid'],
  ['organization_id', 'uuid'],
  ['application_number', 'text'],
  ['title', 'text'],
  ['abstract', 'text'],
  ['patent_type', 'text'],
  ['legal_status', 'text'],
  ['grant_date', 'date'],
  ['ipc_classes', 'text[]'],
  ['field', 'text'],
  ['open_licence', 'boolean'],
  ['free_licence', 'boolean'],
  ['status', 'text'],
  ['published_at', 'timestamptz'],
];
/** A patent's declared open licence (开放许可). */
export const OPEN_LICENCE_COLUMNS: [string, string][] = [
  ['id', 'uuid'],
  ['patent_id', 'uuid'],
  ['tenant_id', 'uuid'],
  ['fee_type', 'text'],
  ['fee_fen', 'bigint'],
  ['royalty_basis_points', 'integer'],
  ['is_free', 'boolean'],
  ['use_first_pay_later', 'boolean'],
  ['period_start', 'date'],
  ['period_end', 'date'],
];

async function inBatches<T>(count: number, size: number, make: (i: number) => T, write: (batch: T[]) => Promise<void>) {
  for (let start = 0; start < count; start += size) {
    const batch: T[] = [];
    for (let i = start; i < Math.min(count, start + size); i++) batch.push(make(i));
    await write(batch);
  }
}

/**
 * Loads a deterministic demo catalog: the same seed and scale give the same titles,
 * owners, numbers and dates. Skips (and says so) when demo data is already present.
 */
export async function generateDemoCatalog(
  db: Queryable,
  opts: { scale: DemoScale; seed: number; log?: (line: string) => void },
): Promise<{ skipped: boolean; counts: Record<string, number> }> {
  const log = opts.log ?? (() => undefined);
  const size = DEMO_SCALES[opts.scale];
  const existing = (await db.query(`SELECT count(*)::int AS n FROM achievement WHERE external_id LIKE 'DEMO-%'`)) as { n: number }[];
  if (existing[0].n > 0) return { skipped: true, counts: { achievements: existing[0].n } };
  // Bulk-load practice: build the search indexes once at the end instead of updating them per row
  // (at national scale this is the difference between ~45 and ~10 minutes). Same transaction.
  const searchIndexes = (await db.query(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'
        AND tablename IN ('achievement', 'demand', 'patent', 'expert') AND indexdef LIKE '%USING gin%'`,
  )) as { indexname: string; indexdef: string }[];
  for (const i of searchIndexes) await db.query(`DROP INDEX ${i.indexname}`);
  const rng = prng(opts.seed);
  const now = Date.UTC(2026, 10, 1);
  const dateWithin = (days: number) => new Date(now - rng.int(0, days) * 86_400_000 - rng.int(0, 86_399) * 1000);

  const tenants = (await db.query(
    `SELECT id, code, path::text AS path, tier, name FROM tenant WHERE kind = 'administrative'`,
  )) as TenantRow[];
  const byCode = new Map(tenants.map((t) => [t.code, t]));
  const tenantWeights: Record<string, number> = {};
  for (const [city, w] of Object.entries(V.CITY_WEIGHTS)) {
    const counties = tenants.filter((t) => t.path.startsWith(`${byCode.get(city)!.path}.`));
    tenantWeights[city] = w * 0.3;
    for (const c of counties) tenantWeights[c.code] = (w * 0.7) / counties.length;
  }
  const pickTenant = () => byCode.get(rng.weighted(tenantWeights))!;
  const pickField = () => rng.weighted(V.FIELD_WEIGHTS);

  // Organisations: the 16 institutions (reusing any that exist) and the enterprises.
  const institutions: Org[] = [];
  for (const inst of V.INSTITUTIONS) {
    const tenant = byCode.get(inst.tenantCode)!;
    const found = (await db.query(`SELECT id FROM organization WHERE name = $1`, [inst.name])) as { id: string }[];
    const id = found[0]?.id ?? rng.uuid();
    if (!found.length)
      await db.query(
        `INSERT INTO organization (id, tenant_id, name, type, division_code) VALUES ($1, $2, $3, 'university_institute', $4)`,
        [id, tenant.id, inst.name, tenant.code],
      );
    institutions.push({ id, tenant, name: inst.name, type: 'university_institute' });
  }
  const enterprises: Org[] = [];
  await inBatches(
    size.enterprises,
    5000,
    (i) => {
      const tenant = pickTenant();
      const city = tenant.tier === 'city' ? tenant : tenants.find((t) => t.path === tenant.path.split('.').slice(0, 2).join('.'))!;
      const name = `${city.name.replace(/(市|朝鲜族自治州)$/, '')}${rng.pick(V.ENTERPRISE_WORDS)}${rng.pick(V.ENTERPRISE_TRADES)}有限公司（演示${i + 1}）`;
      const org: Org = { id: rng.uuid(), tenant, name, type: 'enterprise' };
      enterprises.push(org);
      return [org.id, tenant.id, name, 'enterprise', tenant.code, rng.chance(0.8), rng.chance(0.1), rng.chance(0.25)];
    },
    (rows) =>
      bulkInsert(
        db,
        'organization',
        [
          ['id', 'uuid'],
          ['tenant_id', 'uuid'],
          ['name', 'text'],
          ['type', 'text'],
          ['division_code', 'text'],
          ['is_sme', 'boolean'],
          ['is_specialized', 'boolean'],
          ['is_high_tech', 'boolean'],
        ],
        rows,
      ),
  );
  log(`机构 organisations: ${institutions.length} institutions, ${enterprises.length} enterprises`);
  const owner = (instShare: number) => (rng.chance(instShare) ? rng.pick(institutions) : rng.pick(enterprises));
  const status = () => (rng.chance(0.95) ? 'published' : rng.pick(['draft', 'submitted', 'returned']));

  // Patents, some with open licences; remembered per owner so achievements can link them.
  const patentsByOrg = new Map<string, { id: string; open: boolean; free: boolean }[]>();
  const licensed = new Set<number>();
  while (licensed.size < size.openLicences) licensed.add(rng.int(0, size.patents - 1));
  const licenceRows: unknown[][] = [];
  await inBatches(
    size.patents,
    2000,
    (i) => {
      const org = owner(0.75);
      const field = pickField();
      const typeDigit = rng.weighted({ '1': 60, '2': 35, '3': 5 });
      const year = rng.int(2012, 2025);
      const digits = `${year}${typeDigit}${String(i + 1).padStart(7, '0')}`;
      const number = `${digits}.${checkDigit(digits)}`;
      const subject = rng.pick(V.FIELD_SUBJECTS[field]);
      const title = `一种${subject}${rng.pick(V.RESULT_KINDS)}`;
      const abstract = fill(rng.pick(V.SUMMARY_MIDDLES), subject, field) + fill(rng.pick(V.SUMMARY_CLOSINGS), subject, field);
      const legal = licensed.has(i) ? 'granted' : year > 2023 && typeDigit === '1' ? 'pending' : rng.chance(0.06) ? 'lapsed' : 'granted';
      const open = licensed.has(i) && legal === 'granted';
      const free = open && rng.chance(0.2);
      const ipc = field === 'modern_agriculture' || field === 'agri_processing' ? rng.pick(V.AGRI_IPC) : rng.pick(V.OTHER_IPC);
      const ipcClasses = [`${ipc} ${rng.int(1, 99)}/${rng.int(0, 99).toString().padStart(2, '0')}`];
      const type = { '1': 'invention', '2': 'utility_model', '3': 'design' }[typeDigit];
      const id = rng.uuid();
      const st = status();
      const published = st === 'published' ? dateWithin(1000) : null;
      (patentsByOrg.get(org.id) ?? patentsByOrg.set(org.id, []).get(org.id)!).push({ id, open, free });
      if (open) {
        const feeType = rng.weighted({ lump_sum: 5, royalty: 3, annual: 2 });
        const from = new Date(Date.UTC(rng.int(2024, 2026), rng.int(0, 11), 1));
        licenceRows.push([
          rng.uuid(),
          id,
          org.tenant.id,
          feeType,
          free || feeType === 'royalty' ? null : rng.int(1, 50) * 1_000_000,
          free || feeType !== 'royalty' ? null : rng.int(50, 800),
          free,
          rng.chance(0.3),
          from.toISOString().slice(0, 10),
          new Date(from.getTime() + rng.int(1, 5) * 365 * 86_400_000).toISOString().slice(0, 10),
        ]);
      }
      const row = [
        id,
        org.tenant.id,
        org.id,
        number,
        title,
        abstract,
        type,
        legal,
        year < 2024 ? `${year + 1}-0${rng.int(1, 9)}-1${rng.int(0, 9)}` : null,
        pgArray(ipcClasses),
        field,
        open,
        free,
        st,
        published,
      ];
      const text = patentText({
        title,
        abstract,
        field,
        patentType: type,
        ipcClasses,
        openLicence: open,
        freeLicence: free,
        organizationName: org.name,
        tenantPath: org.tenant.path,
      });
      return { row, text };
    },
    (batch) =>
      bulkInsert(
        db,
        'patent',
        PATENT_COLUMNS,
        batch.map((b) => b.row),
        batch.map((b) => b.text),
      ),
  );
  for (let i = 0; i < licenceRows.length; i += 2000) {
    await bulkInsert(db, 'open_licence', OPEN_LICENCE_COLUMNS, licenceRows.slice(i, i + 2000));
  }
  log(`专利 patents: ${size.patents}, 开放许可 open licences: ${licenceRows.length}`);

  // Achievements (科技成果), 70 % from institutions, linked to their owner's patents.
  await inBatches(
    size.achievements,
    2000,
    (i) => {
      const org = owner(0.7);
      const field = pickField();
      const subject = rng.pick(V.FIELD_SUBJECTS[field]);
      const title = `${subject}${rng.pick(V.RESULT_KINDS)}`;
      const summary = [V.SUMMARY_OPENINGS, V.SUMMARY_MIDDLES, V.SUMMARY_CLOSINGS].map((t) => fill(rng.pick(t), subject, field)).join('');
      const maturity = rng.weighted<MaturityStage>({ research: 2, lab: 3, pilot: 3, industrial: 2 });
      const [lo, hi] = MATURITY_TRL[maturity];
      const modes = ['transfer', 'licence', 'equity', 'co_development'].filter(() => rng.chance(0.45));
      if (!modes.length) modes.push(rng.pick(['transfer', 'licence', 'co_development']));
      const negotiable = rng.chance(0.35);
      const price = negotiable ? null : Math.round(Math.exp(rng.next() * 7 + 11)) * 100;
      const own = patentsByOrg.get(org.id) ?? [];
      const linked = own.length && rng.chance(0.4) ? [rng.pick(own)] : [];
      const open = linked.some((p) => p.open);
      const free = linked.some((p) => p.free);
      const keywords = [subject, rng.pick(V.FIELD_SUBJECTS[field]), INDUSTRY_FIELDS[field]].filter((k, j, a) => a.indexOf(k) === j);
      const funding = rng.chance(0.35) ? rng.pick(V.FUNDING_SOURCES) : null;
      const st = status();
      const id = rng.uuid();
      const row = [
        id,
        org.tenant.id,
        org.id,
        title,
        summary,
        field,
        pgArray(keywords),
        maturity,
        rng.int(lo, hi),
        pgArray(modes),
        price,
        negotiable,
        funding,
        open,
        free,
        st,
        st === 'published' ? dateWithin(1000) : null,
        `DEMO-A${i + 1}`,
        `0431-8${String(rng.int(0, 9999999)).padStart(7, '0')}`,
      ];
      const text = achievementText({
        title,
        summary,
        keywords,
        field,
        maturity,
        transferModes: modes,
        fundingSource: funding,
        hasOpenLicence: open,
        hasFreeLicence: free,
        organizationName: org.name,
        tenantPath: org.tenant.path,
      });
      return { row, text, links: linked.map((p) => [id, p.id]) };
    },
    async (batch) => {
      await bulkInsert(
        db,
        'achievement',
        ACHIEVEMENT_COLUMNS,
        batch.map((b) => b.row),
        batch.map((b) => b.text),
      );
      await bulkInsert(
        db,
        'achievement_patent',
        [
          ['achievement_id', 'uuid'],
          ['patent_id', 'uuid'],
        ],
        batch.flatMap((b) => b.links),
      );
    },
  );
  log(`科技成果 achievements: ${size.achievements}`);

  await inBatches(
    size.demands,
    2000,
    (i) => {
      const org = rng.pick(enterprises);
      const field = pickField();
      const subject = rng.pick(V.FIELD_SUBJECTS[field]);
      const title = `${subject}${rng.pick(['技术需求', '技术难题攻关', '工艺改进需求', '合作研发需求', '技术引进'])}`;
      const description = `${fill(rng.pick(V.DEMAND_PROBLEMS), subject, field)}。${fill(rng.pick(V.SUMMARY_CLOSINGS), subject, field)}`;
      const min = rng.int(1, 50) * 10_000_00;
      const openCall = rng.chance(0.05);
      const st = status();
      const deadline = new Date(now + rng.int(30, 540) * 86_400_000).toISOString().slice(0, 10);
      const row = [
        rng.uuid(),
        org.tenant.id,
        org.id,
        title,
        description,
        field,
        min,
        min * rng.int(2, 5),
        deadline,
        openCall,
        openCall ? min * 2 : null,
        st,
        st === 'published' ? dateWithin(700) : null,
        `DEMO-D${i + 1}`,
      ];
      return {
        row,
        text: demandText({ title, description, field, isOpenCall: openCall, organizationName: org.name, tenantPath: org.tenant.path }),
      };
    },
    (batch) =>
      bulkInsert(
        db,
        'demand',
        DEMAND_COLUMNS,
        batch.map((b) => b.row),
        batch.map((b) => b.text),
      ),
  );
  log(`企业需求 demands: ${size.demands}`);

  await inBatches(
    size.experts,
    2000,
    (i) => {
      const org = rng.chance(0.7) ? rng.pick(institutions) : rng.pick(enterprises);
      const fields = [...new Set([pickField(), pickField()])] as IndustryField[];
      const name = `${rng.pick(V.SURNAMES)}${rng.pick(V.GIVEN_NAMES)}`;
      const title = rng.pick(V.EXPERT_TITLES);
      const bio = `长期从事${fields.map((f) => rng.pick(V.FIELD_SUBJECTS[f])).join('、')}研究，主持${rng.pick(V.FUNDING_SOURCES)}项目，擅长技术评价与成果转化咨询。`;
      const availability = rng.weighted({ available: 7, busy: 2, unavailable: 1 });
      const st = status();
      const row = [
        rng.uuid(),
        org.tenant.id,
        org.id,
        name,
        title,
        pgArray(fields),
        bio,
        availability,
        st,
        st === 'published' ? dateWithin(1000) : null,
        `DEMO-E${i + 1}`,
      ];
      return { row, text: expertText({ name, title, fields, bio, availability, organizationName: org.name, tenantPath: org.tenant.path }) };
    },
    (batch) =>
      bulkInsert(
        db,
        'expert',
        [
          ['id', 'uuid'],
          ['tenant_id', 'uuid'],
          ['organization_id', 'uuid'],
          ['name', 'text'],
          ['title', 'text'],
          ['fields', 'text[]'],
          ['bio', 'text'],
          ['availability', 'text'],
          ['status', 'text'],
          ['published_at', 'timestamptz'],
          ['external_id', 'text'],
        ],
        batch.map((b) => b.row),
        batch.map((b) => b.text),
      ),
  );
  log(`专家 experts: ${size.experts}`);
  await db.query(`SET LOCAL maintenance_work_mem = '512MB'`);
  for (const i of searchIndexes) await db.query(i.indexdef);
  log(`检索索引 search indexes rebuilt: ${searchIndexes.map((i) => i.indexname).join(', ')}`);
  await db.query('ANALYZE organization, patent, open_licence, achievement, achievement_patent, demand, expert');
  return { skipped: false, counts: { ...size, enterprises: enterprises.length, institutions: institutions.length } };
}
