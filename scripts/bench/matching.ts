import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ACHIEVEMENT_COLUMNS, DEMAND_COLUMNS, OPEN_LICENCE_COLUMNS, PATENT_COLUMNS } from '@techmarket/catalog/demo';
import type { DataSource } from 'typeorm';
import {
  achievementText,
  bulkInsert,
  CatalogCorpus,
  checkDigit,
  type CorpusEntry,
  demandText,
  patentText,
  pgArray,
} from '@techmarket/catalog';
import {
  DEFAULT_WEIGHTS,
  KEEP_PER_KIND,
  MatchingEngine,
  meanScores,
  queryTerms,
  type RankingScores,
  rankingScores,
  RELEVANCE_GATE,
  type Weights,
} from '@techmarket/matching';

/**
 * The matching benchmarks (issue #12), reached through run.ts:
 *
 * `npm run bench -- --matching-precision`
 *   Loads the labelled fixture (test/fixtures/matching-precision: 20 zh-CN demands, 105
 *   achievements, judged demand→achievement pairs) into a fresh database `tm_bench_matchprec`
 *   (migrations, tenants), ranks the achievements for every demand with the matching engine
 *   (default weights, and text alone) and with the baseline — PostgreSQL full-text search, the
 *   demand's jieba terms OR-ed in one `to_tsquery`, ordered by the catalog's `ts_rank` — and
 *   reports precision@1/3/5, MAP@10 and nDCG@10 for each. Seconds; docs/benchmarks/matching-precision-<date>.md.
 *
 * `npm run bench -- --matching --scale jilin|national [--enterprises 1000] [--mode demands] [--max-demands N]`
 *   Throughput: the first N demo enterprises (by id) with published demands, each matched to the
 *   achievements through every published demand (`--mode demands`, what the engine does today:
 *   `rankForDemand`, 300 candidates scored, the best 20 kept), one demand at a time as the worker's
 *   concurrency 1 does; the enterprise's list is its best 20 achievements over its demands. Total
 *   time, peak RSS of this process, matches/s; and the baseline (the plain `ts_rank` top 20 for the
 *   same demand terms) over the same demands in the same run. A `profile` mode is the place for the
 *   profile-based engine (issue #12 item 1) once it exists: a `QuerySource` returning its queries.
 */
export interface MatchingBenchTools {
  args: Record<string, string>;
  adminUrl: string;
  root: string;
  prepareDatabase: () => Promise<void>;
  dbUrl: string;
}

/** A pg pool as the `query(sql, params) → rows` the engine and the corpus use from TypeORM. */
function asDataSource(pool: pg.Pool): DataSource {
  return { query: async (sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows } as unknown as DataSource;
}

/** The engine as the worker builds it; mail and users are only needed for notices, which the benchmarks never send. */
function engineOn(pool: pg.Pool, statsTtlMs?: number): MatchingEngine {
  const ds = asDataSource(pool);
  const corpus = new CatalogCorpus(ds);
  if (statsTtlMs !== undefined) corpus.statsTtlMs = statsTtlMs;
  return new MatchingEngine(ds, corpus, null as never, null as never);
}

/** Terms safe inside a tsquery, as the corpus keeps them. */
const safe = (terms: string[]) => [...new Set(terms.filter((t) => /^[\p{L}\p{N}]+$/u.test(t)))];

/** The baseline: the demand's terms OR-ed, published achievements ordered by the catalog's ts_rank weights. */
async function baselineRanking(
  pool: pg.Pool,
  demand: CorpusEntry,
  limit: number,
  table: 'achievement' | 'patent' = 'achievement',
): Promise<string[]> {
  const terms = safe(queryTerms(demand));
  if (!terms.length) return [];
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id::text FROM ${table}
      WHERE status = 'published' AND search_doc @@ to_tsquery('simple', $1)
        AND organization_id IS DISTINCT FROM $3::uuid
      ORDER BY ts_rank('{0, 0.33, 0.67, 1}', search_doc, to_tsquery('simple', $1)) DESC, id LIMIT $2`,
    [terms.join(' | '), limit, demand.organizationId],
  );
  return rows.map((r) => r.id);
}

export async function runMatchingBench(tools: MatchingBenchTools): Promise<void> {
  if ('matching-precision' in tools.args) return precisionBench(tools);
  return throughputBench(tools);
}

// ───────────────────────────── precision ─────────────────────────────

interface FixtureOrg {
  key: string;
  name: string;
  type: string;
  divisionCode: string;
}
interface FixtureAchievement {
  key: string;
  org: string;
  title: string;
  summary: string;
  keywords: string[];
  field: string;
  maturity: string;
  trl: number;
  priceFen: number | null;
  negotiable?: boolean;
  modes: string[];
  open?: boolean;
  free?: boolean;
}
interface FixtureDemand {
  key: string;
  org: string;
  title: string;
  description: string;
  field: string;
  budgetMinFen: number;
  budgetMaxFen: number;
}
interface Judgement {
  demand: string;
  achievement: string;
  relevant: boolean;
  reason: string;
}
interface FixturePatent {
  key: string;
  org: string;
  title: string;
  abstract: string;
  patentType: string;
  legalStatus: string;
  ipc: string[];
  /** Null for most: CNIPA's open-licence lists give IPC classes, no 行业领域. */
  field: string | null;
  openLicence: boolean;
  feeFen: number | null;
  free?: boolean;
}
interface PatentJudgement {
  demand: string;
  patent: string;
  relevant: boolean;
  reason: string;
}

export async function loadFixture(root: string) {
  const dir = path.join(root, 'test/fixtures/matching-precision');
  const read = async <T>(name: string) => JSON.parse(await readFile(path.join(dir, name), 'utf8')) as T;
  return {
    organizations: await read<FixtureOrg[]>('organizations.json'),
    achievements: await read<FixtureAchievement[]>('achievements.json'),
    demands: await read<FixtureDemand[]>('demands.json'),
    judgements: await read<Judgement[]>('judgements.json'),
    /** The IPC classes of the patents behind each achievement, classified from its text alone. */
    achievementIpc: await read<Record<string, string[]>>('achievement-ipc.json'),
    patents: await read<FixturePatent[]>('patents.json'),
    patentJudgements: await read<PatentJudgement[]>('patent-judgements.json'),
  };
}

/** Loads the fixture as published catalog entries; returns fixture key → row id. */
async function loadFixtureInto(pool: pg.Pool, fx: Awaited<ReturnType<typeof loadFixture>>): Promise<Map<string, string>> {
  const db = { query: async (sql: string, params?: unknown[]) => (await pool.query(sql, params)).rows };
  const tenants = new Map(
    (await pool.query<{ id: string; code: string; path: string }>(`SELECT id, code, path::text AS path FROM tenant`)).rows.map((t) => [
      t.code,
      t,
    ]),
  );
  // Owners outside Jilin keep their own division code (locality: elsewhere) under the province tenant.
  const tenantOf = (code: string) => tenants.get(code) ?? tenants.get('220000')!;
  const ids = new Map<string, string>();
  const orgs = new Map<string, FixtureOrg & { id: string }>();
  for (const o of fx.organizations) {
    const id = randomUUID();
    ids.set(o.key, id);
    orgs.set(o.key, { ...o, id });
  }
  await bulkInsert(
    db,
    'organization',
    [
      ['id', 'uuid'],
      ['tenant_id', 'uuid'],
      ['name', 'text'],
      ['type', 'text'],
      ['division_code', 'text'],
    ],
    [...orgs.values()].map((o) => [o.id, tenantOf(o.divisionCode).id, o.name, o.type, o.divisionCode]),
  );
  const published = new Date();
  const achievements = fx.achievements.map((a) => {
    const org = orgs.get(a.org)!;
    const tenant = tenantOf(org.divisionCode);
    const id = randomUUID();
    ids.set(a.key, id);
    return {
      row: [
        id,
        tenant.id,
        org.id,
        a.title,
        a.summary,
        a.field,
        pgArray(a.keywords),
        a.maturity,
        a.trl,
        pgArray(a.modes),
        a.priceFen,
        a.negotiable ?? a.priceFen === null,
        null,
        Boolean(a.open),
        Boolean(a.free),
        'published',
        published,
        `FIXTURE-${a.key}`,
        null,
      ],
      text: achievementText({
        title: a.title,
        summary: a.summary,
        keywords: a.keywords,
        field: a.field,
        maturity: a.maturity,
        transferModes: a.modes,
        hasOpenLicence: Boolean(a.open),
        hasFreeLicence: Boolean(a.free),
        organizationName: org.name,
        tenantPath: tenant.path,
      }),
    };
  });
  await bulkInsert(
    db,
    'achievement',
    ACHIEVEMENT_COLUMNS,
    achievements.map((a) => a.row),
    achievements.map((a) => a.text),
  );
  // The patents behind each achievement (drafts: they carry its IPC classes, they are not candidates),
  // then the fixture's published patents, with their open licences.
  let serial = 0;
  const number = () => {
    const digits = `2020100${String(++serial).padStart(5, '0')}`;
    return `${digits}.${checkDigit(digits)}`;
  };
  const patentRows: { row: unknown[]; text: ReturnType<typeof patentText> }[] = [];
  const links: unknown[][] = [];
  const licences: unknown[][] = [];
  for (const a of fx.achievements) {
    const org = orgs.get(a.org)!;
    const tenant = tenantOf(org.divisionCode);
    const id = randomUUID();
    links.push([ids.get(a.key)!, id]);
    const ipc = fx.achievementIpc[a.key];
    patentRows.push({
      row: [
        id,
        tenant.id,
        org.id,
        number(),
        a.title,
        a.summary,
        'invention',
        'granted',
        null,
        pgArray(ipc),
        a.field,
        false,
        false,
        'draft',
        null,
      ],
      text: patentText({
        title: a.title,
        abstract: a.summary,
        field: a.field,
        patentType: 'invention',
        ipcClasses: ipc,
        openLicence: false,
        freeLicence: false,
        organizationName: org.name,
        tenantPath: tenant.path,
      }),
    });
  }
  for (const p of fx.patents) {
    const org = orgs.get(p.org)!;
    const tenant = tenantOf(org.divisionCode);
    const id = randomUUID();
    ids.set(p.key, id);
    const free = Boolean(p.free);
    if (p.openLicence)
      licences.push([randomUUID(), id, tenant.id, 'lump_sum', free ? null : p.feeFen, null, free, false, '2026-01-01', '2028-12-31']);
    patentRows.push({
      row: [
        id,
        tenant.id,
        org.id,
        number(),
        p.title,
        p.abstract,
        p.patentType,
        p.legalStatus,
        null,
        pgArray(p.ipc),
        p.field,
        p.openLicence,
        free,
        'published',
        published,
      ],
      text: patentText({
        title: p.title,
        abstract: p.abstract,
        field: p.field,
        patentType: p.patentType,
        ipcClasses: p.ipc,
        openLicence: p.openLicence,
        freeLicence: free,
        organizationName: org.name,
        tenantPath: tenant.path,
      }),
    });
  }
  await bulkInsert(
    db,
    'patent',
    PATENT_COLUMNS,
    patentRows.map((p) => p.row),
    patentRows.map((p) => p.text),
  );
  await bulkInsert(
    db,
    'achievement_patent',
    [
      ['achievement_id', 'uuid'],
      ['patent_id', 'uuid'],
    ],
    links,
  );
  await bulkInsert(db, 'open_licence', OPEN_LICENCE_COLUMNS, licences);
  const demands = fx.demands.map((d) => {
    const org = orgs.get(d.org)!;
    const tenant = tenantOf(org.divisionCode);
    const id = randomUUID();
    ids.set(d.key, id);
    return {
      row: [
        id,
        tenant.id,
        org.id,
        d.title,
        d.description,
        d.field,
        d.budgetMinFen,
        d.budgetMaxFen,
        '2027-06-30',
        false,
        null,
        'published',
        published,
        `FIXTURE-${d.key}`,
      ],
      text: demandText({
        title: d.title,
        description: d.description,
        field: d.field,
        isOpenCall: false,
        organizationName: org.name,
        tenantPath: tenant.path,
      }),
    };
  });
  await bulkInsert(
    db,
    'demand',
    DEMAND_COLUMNS,
    demands.map((d) => d.row),
    demands.map((d) => d.text),
  );
  await pool.query('ANALYZE organization, achievement, demand, patent, achievement_patent, open_licence');
  return ids;
}

const fmt = (x: number) => x.toFixed(3);
const scoreRow = (name: string, s: RankingScores) =>
  `| ${name} | ${fmt(s.p1)} | ${fmt(s.p3)} | ${fmt(s.p5)} | ${fmt(s.map10)} | ${fmt(s.ndcg10)} |`;

async function precisionBench(tools: MatchingBenchTools) {
  const fx = await loadFixture(tools.root);
  const dbName = 'tm_bench_matchprec';
  const admin = new pg.Client({ connectionString: tools.adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const dbUrl = tools.adminUrl.replace(/\/[^/]*$/, `/${dbName}`);
  const setup = spawnSync(process.execPath, ['dist/scripts/db.js', 'setup'], {
    cwd: tools.root,
    env: { ...process.env, DATABASE_URL: dbUrl },
    stdio: 'inherit',
  });
  if (setup.status !== 0) throw new Error('db setup failed');
  const pool = new pg.Pool({ connectionString: dbUrl, max: 2 });
  const started = Date.now();
  try {
    const ids = await loadFixtureInto(pool, fx);
    const keyOf = new Map([...ids].map(([k, v]) => [v, k]));
    const engine = engineOn(pool);
    const textOnly: Weights = { text: 1, field: 0, ipc: 0, maturity: 0, price: 0, licence: 0, locality: 0 };
    // The weights before IPC fit took part of field fit's 0.15.
    const beforeIpc: Weights = { ...DEFAULT_WEIGHTS, field: Math.round((DEFAULT_WEIGHTS.field + DEFAULT_WEIGHTS.ipc) * 100) / 100, ipc: 0 };
    const gates = [0.1, 0.3, 0.5].filter((g) => g !== RELEVANCE_GATE);
    type System = { name: string; rank: (d: CorpusEntry) => Promise<string[]> };
    const systemsFor = (kind: 'achievement' | 'patent'): System[] => {
      const matcher = (w: Weights, gate: number) => async (d: CorpusEntry) =>
        (await engine.rankForDemand(d, kind, w, 10, gate)).map((m) => m.id);
      return [
        { name: `matcher, default weights, relevance gate ${RELEVANCE_GATE} (in force)`, rank: matcher(DEFAULT_WEIGHTS, RELEVANCE_GATE) },
        { name: `matcher, weights before IPC fit (field ${beforeIpc.field}, IPC 0)`, rank: matcher(beforeIpc, RELEVANCE_GATE) },
        { name: 'matcher, IPC fit 0.05, field 0.1', rank: matcher({ ...DEFAULT_WEIGHTS, field: 0.1, ipc: 0.05 }, RELEVANCE_GATE) },
        { name: 'matcher, IPC fit 0.15, field 0', rank: matcher({ ...DEFAULT_WEIGHTS, field: 0, ipc: 0.15 }, RELEVANCE_GATE) },
        ...(kind === 'achievement'
          ? [
              { name: 'matcher, default weights, no gate', rank: matcher(DEFAULT_WEIGHTS, 0) },
              ...gates.map((g) => ({ name: `matcher, default weights, gate ${g}`, rank: matcher(DEFAULT_WEIGHTS, g) })),
            ]
          : []),
        { name: 'matcher, text factor alone', rank: matcher(textOnly, 0) },
        { name: 'baseline: to_tsquery OR + ts_rank', rank: (d) => baselineRanking(pool, d, 10, kind) },
      ];
    };
    const sets = [
      { kind: 'achievement' as const, label: 'demand → achievement', judged: fx.judgements.map((j) => ({ ...j, target: j.achievement })) },
      { kind: 'patent' as const, label: 'demand → patent', judged: fx.patentJudgements.map((j) => ({ ...j, target: j.patent })) },
    ];
    const tables: string[] = [];
    const detail: string[] = [];
    const unjudged = new Map<string, Set<string>>();
    for (const set of sets) {
      const systems = systemsFor(set.kind);
      const scores = new Map<string, RankingScores[]>(systems.map((x) => [x.name, []]));
      detail.push(`## ${set.label}: top 5 per demand (✓ relevant, ✗ judged not relevant, ? unjudged)`, '');
      for (const fd of fx.demands) {
        const demand = (await engine.entry('demand', ids.get(fd.key)!))!;
        const judged = set.judged.filter((j) => j.demand === fd.key);
        // A demand with nothing relevant of this kind says nothing about ranking it.
        if (!judged.some((j) => j.relevant)) continue;
        const relevant = new Set(judged.filter((j) => j.relevant).map((j) => ids.get(j.target)!));
        const judgedIds = new Set(judged.map((j) => ids.get(j.target)!));
        detail.push(`### ${fd.key} ${fd.title}`, '');
        for (const x of systems) {
          const ranked = await x.rank(demand);
          scores.get(x.name)!.push(rankingScores(ranked, relevant));
          const top = ranked.slice(0, 5).map((id) => {
            if (!judgedIds.has(id)) (unjudged.get(fd.key) ?? unjudged.set(fd.key, new Set()).get(fd.key)!).add(keyOf.get(id)!);
            return `${keyOf.get(id)}${relevant.has(id) ? '✓' : judgedIds.has(id) ? '✗' : '?'}`;
          });
          detail.push(`- ${x.name}: ${top.join(' ')}`);
        }
        detail.push('');
      }
      const relevantPairs = set.judged.filter((j) => j.relevant).length;
      tables.push(
        `## ${set.label}: ${scores.get(systems[0].name)!.length} demands with a relevant ${set.kind}, ${set.judged.length} judged pairs (${relevantPairs} relevant)`,
        '',
        '| system | P@1 | P@3 | P@5 | MAP@10 | nDCG@10 |',
        '|---|---|---|---|---|---|',
        ...systems.map((x) => scoreRow(x.name, meanScores(scores.get(x.name)!))),
        '',
      );
    }
    const elapsed = (Date.now() - started) / 1000;
    const lines = [
      `# Matching precision — labelled fixture`,
      '',
      `Run ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0].model}. Command: \`npm run bench -- --matching-precision\`.`,
      `Fixture: ${fx.demands.length} demands, ${fx.achievements.length} achievements (each with the IPC classes of the patents behind it), ` +
        `${fx.patents.length} patents (${fx.patents.filter((x) => x.field).length} with a 行业领域, the rest IPC only). ` +
        `Unjudged entries count as not relevant. Ranked and scored in ${elapsed.toFixed(1)} s.`,
      '',
      ...tables,
      `Unjudged entries in a top 5: ${[...unjudged].map(([d, x]) => `${d}: ${[...x].join(', ')}`).join('; ') || 'none'}.`,
      '',
      ...detail,
    ];
    console.log([...lines.slice(0, 5), ...tables].join('\n'));
    const out = path.join(tools.root, 'docs/benchmarks', `matching-precision-${new Date().toISOString().slice(0, 10)}.md`);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, lines.join('\n') + '\n');
    console.log(`written ${path.relative(tools.root, out)}`);
  } finally {
    await pool.end();
  }
}

// ───────────────────────────── throughput ─────────────────────────────

/** Where an enterprise's queries come from: its published demands today; its profile once the profile engine exists. */
type QuerySource = (pool: pg.Pool, engine: MatchingEngine, enterpriseId: string, maxDemands: number) => Promise<CorpusEntry[]>;

const QUERY_SOURCES: Record<string, QuerySource> = {
  demands: async (pool, engine, enterpriseId, maxDemands) => {
    const { rows } = await pool.query<{ id: string }>(
      `SELECT id::text FROM demand WHERE organization_id = $1 AND status = 'published' ORDER BY published_at DESC, id LIMIT $2`,
      [enterpriseId, maxDemands],
    );
    const out: CorpusEntry[] = [];
    for (const r of rows) out.push((await engine.entry('demand', r.id))!);
    return out;
  },
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function throughputBench(tools: MatchingBenchTools) {
  const scale = tools.args.scale ?? 'jilin';
  const enterprises = Number(tools.args.enterprises ?? 1000);
  const maxDemands = Number(tools.args['max-demands'] ?? 1000);
  const mode = tools.args.mode ?? 'demands';
  const source = QUERY_SOURCES[mode];
  if (!source) throw new Error(`--mode ${mode}: not available (modes: ${Object.keys(QUERY_SOURCES).join(', ')})`);
  console.log(`# matching throughput scale=${scale} enterprises=${enterprises} mode=${mode}`);
  await tools.prepareDatabase();
  const pool = new pg.Pool({ connectionString: tools.dbUrl, max: 2 });
  try {
    const counts = (
      await pool.query<{ achievements: number; demands: number; enterprises: number }>(
        `SELECT (SELECT count(*) FROM achievement WHERE status = 'published')::int AS achievements,
                (SELECT count(*) FROM demand WHERE status = 'published')::int AS demands,
                (SELECT count(*) FROM organization WHERE type = 'enterprise')::int AS enterprises`,
      )
    ).rows[0];
    const picked = (
      await pool.query<{ id: string }>(
        `SELECT o.id::text FROM organization o WHERE o.type = 'enterprise'
            AND EXISTS (SELECT 1 FROM demand d WHERE d.organization_id = o.id AND d.status = 'published')
          ORDER BY o.id LIMIT $1`,
        [enterprises],
      )
    ).rows.map((r) => r.id);
    const engine = engineOn(pool);
    const w = await engine.weights();
    // One demand first so the cached average document length is not charged to the first enterprise.
    const warm = await source(pool, engine, picked[0], 1);
    await engine.rankForDemand(warm[0], 'achievement', w);

    const perDemandMs: number[] = [];
    const baselineMs: number[] = [];
    let demands = 0;
    let kept = 0;
    let perEnterprise = 0;
    const t0 = performance.now();
    let loadMs = 0;
    for (const [i, enterpriseId] of picked.entries()) {
      const l0 = performance.now();
      const queries = await source(pool, engine, enterpriseId, maxDemands);
      loadMs += performance.now() - l0;
      const best = new Map<string, number>();
      for (const q of queries) {
        const s = performance.now();
        const matches = await engine.rankForDemand(q, 'achievement', w, KEEP_PER_KIND);
        perDemandMs.push(performance.now() - s);
        demands++;
        kept += matches.length;
        for (const m of matches) best.set(m.id, Math.max(best.get(m.id) ?? 0, m.score));
      }
      perEnterprise += Math.min(best.size, KEEP_PER_KIND);
      if ((i + 1) % 100 === 0) console.log(`  ${i + 1} enterprises, ${demands} demands, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    const totalS = (performance.now() - t0) / 1000;
    const rss = process.resourceUsage().maxRSS / 1024;
    // The baseline over the same demands (all of them, after the engine: the pages it reads are warm for both).
    const b0 = performance.now();
    let baselineDemands = 0;
    for (const enterpriseId of picked) {
      for (const q of await source(pool, engine, enterpriseId, maxDemands)) {
        const s = performance.now();
        await baselineRanking(pool, q, KEEP_PER_KIND);
        baselineMs.push(performance.now() - s);
        baselineDemands++;
      }
    }
    const baselineS = (performance.now() - b0) / 1000;
    const lines = [
      `# Matching throughput — ${scale} scale, mode ${mode}`,
      '',
      `Run ${new Date().toISOString()} on ${os.cpus().length} × ${os.cpus()[0].model}, load average ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' / ')} at the end.`,
      `Command: \`npm run bench -- --matching --scale ${scale} --enterprises ${enterprises} --mode ${mode}${tools.args['max-demands'] ? ` --max-demands ${maxDemands}` : ''}\``,
      `Corpus: ${counts.achievements} published achievements, ${counts.demands} published demands, ${counts.enterprises} enterprises.`,
      '',
      `| | enterprises | demands matched | total s | demands/s | kept matches/s | enterprises/s | per demand p50 / p95 / p99 ms | peak RSS MB |`,
      `|---|---|---|---|---|---|---|---|---|`,
      `| engine (rankForDemand, achievements; common terms' counts cached) | ${picked.length} | ${demands} | ${totalS.toFixed(1)} | ${(demands / totalS).toFixed(1)} | ${(kept / totalS).toFixed(0)} | ${(picked.length / totalS).toFixed(2)} | ${median(perDemandMs).toFixed(1)} / ${pct(perDemandMs, 95).toFixed(1)} / ${pct(perDemandMs, 99).toFixed(1)} | ${rss.toFixed(0)} |`,
      `| baseline (ts_rank top ${KEEP_PER_KIND}) | ${picked.length} | ${baselineDemands} | ${baselineS.toFixed(1)} | ${(baselineDemands / baselineS).toFixed(1)} | ${((baselineDemands * KEEP_PER_KIND) / baselineS).toFixed(0)} | ${(picked.length / baselineS).toFixed(2)} | ${median(baselineMs).toFixed(1)} / ${pct(baselineMs, 95).toFixed(1)} / ${pct(baselineMs, 99).toFixed(1)} | — |`,
      '',
      `Engine: ${kept} matches kept (≤ ${KEEP_PER_KIND} per demand), ${perEnterprise} enterprise→achievement matches after merging each enterprise's demands; ` +
        `reading the enterprises' demands took ${(loadMs / 1000).toFixed(1)} s of the total. Engine ÷ baseline time: ${(totalS / baselineS).toFixed(2)}.`,
    ];
    console.log(lines.join('\n'));
    const out = path.join(tools.root, 'docs/benchmarks', `matching-${scale}-${new Date().toISOString().slice(0, 10)}.md`);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, lines.join('\n') + '\n');
    console.log(`written ${path.relative(tools.root, out)}`);
  } finally {
    await pool.end();
  }
}
