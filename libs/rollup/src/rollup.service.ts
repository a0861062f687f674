import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CONTRACT_TYPES, ContractsService } from '@techmarket/contracts';
import { AccessService, chinaDate, chinaYear, ProblemException } from '@techmarket/core';
import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { type Side, SIDES } from './classify.js';
import { rebuildSetBased } from './rebuild-set.js';
import { StatisticsCache } from './statistics-cache.js';
import { BREAKDOWNS, statisticsSql } from './statistics-sql.js';
import type { KpiQuery, SetTarget, StatisticsQuery, TargetsQuery } from './dto/rollup.dto.js';
import { RollupTarget } from './entities/index.js';
import { type KpiCode, type KpiDefinition, KPI_CODES, KPIS, kpiFilterSql, onTrack, yoyPercent } from './kpis.js';
import { monthStart, type Period, parsePeriod, previousYear } from './period.js';
import { hasRollupSections, rollupSections, type SectionTenant } from './rollup-sections.js';
import {
  type AggregateDelta,
  applyDeltas,
  clearAll,
  combine,
  insertContributions,
  type ResolvedContribution,
  resolve,
  tenantIndex,
} from './rollup.store.js';

export interface TenantRow {
  id: string;
  code: string;
  name: string;
  tier: string;
  path: string;
}

interface Totals {
  contracts: number;
  amountFen: number;
  techTransactionFen: number;
  receivedFen: number;
  patents: number;
}

export const LABELS: Record<string, Record<string, string>> = {
  side: { registered: '登记（按登记机构）', output: '技术输出（按卖方）', input: '技术吸纳（按买方）' },
  buyerCategory: {
    outside: '省外',
    specialized: '专精特新企业',
    sme: '中小企业',
    high_tech: '高新技术企业（非中小企业）',
    large: '大型企业',
    other: '非企业',
  },
  sellerCategory: { university_institute: '高校院所', enterprise: '企业', other: '其他' },
  flow: { same_county: '本县（区）', same_city: '本市（州）其他县区', province: '省内其他市（州）', outside: '省外' },
};

type Row = Totals & { key: string; label: string };
/** A row of the statistics SQL: sums per side, dimension and key (`g` = 1: the dimension's subtotal). */
type SummaryRow = Record<string, string | number | null> & { side: string; dimension: string; key: string | null; g: number };
type SideStatistics = {
  totals: Totals;
  byContractType: Row[];
  byField: Row[];
  byBuyerCategory: Row[];
  bySellerCategory: Row[];
  byFlow: Row[];
  byChild: (Totals & { code: string; name: string })[];
};
export type Statistics = {
  tenant: { code: string; name: string; tier: string };
  period: Period;
  sides: Record<Side, string>;
} & Record<Side, SideStatistics>;

export interface KpiRow {
  kpi: KpiCode;
  label: { zh: string; en: string };
  unit: 'fen' | 'count';
  side: Side;
  actual: number;
  previous: number;
  yoyPercent: number | null;
  target: { value: number | null; growthPercent: number | null; source: string; inherited: boolean } | null;
  onTrack: boolean | null;
}
export interface KpiTable {
  year: number;
  monthsElapsed: number;
  period: Period | null;
  tiers: { tenant: { code: string; name: string; tier: string }; kpis: KpiRow[] }[];
}

export type { Totals };

const zero = (): Totals => ({ contracts: 0, amountFen: 0, techTransactionFen: 0, receivedFen: 0, patents: 0 });

/**
 * 省市县统计汇总: statistics of registered technology contracts for a tenant and period, read
 * from the aggregates the contracts' transactions keep current; KPIs against targets; the
 * rebuild. Every read is checked on the tenant asked about (`AccessService.assert`).
 */
@Injectable()
export class RollupService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(ContractsService) private readonly contracts: ContractsService,
    @Inject(StatisticsCache) private readonly cache: StatisticsCache<Statistics>,
  ) {}

  async statistics(q: StatisticsQuery) {
    const period = this.period(q);
    const code = q.tenantCode ?? this.access.principal().tenantCode;
    // The version before the sums: an answer kept under it is never newer than what it names (statistics-cache.ts).
    const version = await this.cache.version();
    const key = `${code}|${period.from}|${period.to}`;
    const hit = this.cache.get(key, version);
    if (hit) {
      this.access.assert('read', 'RollupStatistic', { tenantId: hit.tenantId });
      return this.withSections(hit.value, hit.tenantId, period);
    }
    // One prepared statement, one round trip: the tenant, its children and its sums (statistics-sql.ts). On the
    // driver's pool: TypeORM's query() sends unnamed statements only, planned again on every call.
    const sql = statisticsSql();
    const pool = (this.ds.driver as unknown as { master: Pool }).master;
    const {
      rows: [row],
    } = await pool.query<{ tenant: TenantRow | null; children: { code: string; name: string }[]; rows: SummaryRow[] }>({
      name: sql.routeName,
      text: sql.route,
      values: [code, monthStart(period.from), monthStart(period.to)],
    });
    if (!row.tenant) throw ProblemException.invalidField('tenantCode', 'unknownTenant');
    // Checked before anything is answered; the sums of a tenant the caller may not read are dropped.
    this.access.assert('read', 'RollupStatistic', { tenantId: row.tenant.id });
    const statistics = this.shape(row.tenant, period, row.rows, row.children);
    this.cache.set(key, version, row.tenant.id, statistics);
    return this.withSections(statistics, row.tenant.id, period);
  }

  /**
   * Later modules' sections (rollup-sections.ts), added after the caller's check and outside the
   * cache: they are not the contracts' sums the cache's version follows.
   */
  private async withSections(statistics: Statistics, tenantId: string, period: Period) {
    if (!hasRollupSections()) return statistics;
    const [tenant]: SectionTenant[] = await this.ds.query(`SELECT id, code, name, path::text AS path FROM tenant WHERE id = $1`, [
      tenantId,
    ]);
    return { ...statistics, sections: await rollupSections(tenant, period) };
  }

  /** The statistics of a tenant and period, without a caller (the periodic reports). */
  async statisticsOf(tenant: TenantRow, period: Period): Promise<Statistics> {
    const sql = statisticsSql();
    const rows: SummaryRow[] = await this.ds.query(sql.summary, [tenant.id, monthStart(period.from), monthStart(period.to)]);
    const children: { code: string; name: string }[] = await this.ds.query(sql.children, [tenant.id]);
    return this.shape(tenant, period, rows, children);
  }

  private shape(tenant: TenantRow, period: Period, rows: SummaryRow[], children: { code: string; name: string }[]): Statistics {
    // The rows by side and dimension once, rather than filtered for each breakdown.
    const subtotals = new Map<string, SummaryRow>();
    const groups = new Map<string, SummaryRow[]>();
    for (const r of rows) {
      const k = `${r.side}|${r.dimension}`;
      if (r.g === 1) subtotals.set(k, r);
      else if (groups.has(k)) groups.get(k)!.push(r);
      else groups.set(k, [r]);
    }
    const sides = Object.fromEntries(
      SIDES.map((side) => {
        // Every contract has one contract type: the side's totals are that dimension's subtotal.
        const totals = subtotals.get(`${side}|contract_type`);
        const breakdown = (dimension: string) =>
          (groups.get(`${side}|${dimension}`) ?? [])
            .map((r) => ({ key: r.key as string, ...measures(r) }))
            .sort((a, b) => b.amountFen - a.amountFen || (a.key < b.key ? -1 : 1));
        const out: Record<string, unknown> = { totals: totals ? measures(totals) : zero() };
        for (const [name, dimension] of BREAKDOWNS) {
          const list = breakdown(dimension);
          if (name === 'byChild') {
            // Every child, with zeros; '' (the tenant itself: records registered directly at it) only when it counts.
            const byCode = new Map(list.map((x) => [x.key, x]));
            out.byChild = [
              ...children.map((c) => ({ code: c.code, name: c.name, ...(byCode.get(c.code) ?? zero()) })),
              ...(byCode.has('') ? [{ code: '', name: `${tenant.name}（本级）`, ...byCode.get('')! }] : []),
            ];
          } else {
            out[name] = list.map((x) => ({ ...x, label: label(name, x.key) }));
          }
        }
        return [side, out];
      }),
    );
    return {
      tenant: { code: tenant.code, name: tenant.name, tier: tenant.tier },
      period,
      sides: Object.fromEntries(SIDES.map((s) => [s, LABELS.side[s]])),
      ...sides,
    } as Statistics;
  }

  /**
   * Recomputes every aggregate from the registered contracts (their facts as the contracts module
   * reads them), in one transaction holding the roll-up tables: registrations and payments wait
   * for it, and then apply their change on top.
   */
  async rebuild(): Promise<{ contracts: number; aggregates: number; ms: number }> {
    const [root]: { id: string }[] = await this.ds.query(`SELECT id FROM tenant WHERE parent_id IS NULL`);
    this.access.assert('update', 'RollupStatistic', { tenantId: root.id });
    return this.rebuildAll();
  }

  /**
   * The rebuild without a caller (the `rollup:rebuild` command): set-based, a few statements over
   * the tables (`rebuild-set.ts`), in one transaction holding the roll-up tables.
   */
  async rebuildAll(): Promise<{ contracts: number; aggregates: number; ms: number }> {
    const started = Date.now();
    return this.ds.transaction(async (em) => {
      await em.query(`LOCK TABLE rollup_contribution, rollup_aggregate, rollup_summary IN EXCLUSIVE MODE`);
      await clearAll(em);
      const r = await rebuildSetBased(em, chinaDate());
      return { ...r, ms: Date.now() - started };
    });
  }

  /**
   * The rebuild through the events' own code path: every registered contract's facts as the
   * contracts module reads them (≈ 8 queries each), classified in TypeScript. Slow at scale; kept
   * as the reference the set-based rebuild is checked against (`rollup:rebuild -- --from-facts`).
   */
  async rebuildFromFacts(log: (line: string) => void = () => {}): Promise<{ contracts: number; aggregates: number; ms: number }> {
    const started = Date.now();
    return this.ds.transaction(async (em) => {
      await em.query(`LOCK TABLE rollup_contribution, rollup_aggregate, rollup_summary IN EXCLUSIVE MODE`);
      await clearAll(em);
      const index = await tenantIndex(
        em,
        (await em.query(`SELECT code FROM tenant`)).map((r: { code: string }) => r.code),
      );
      let sums: AggregateDelta[] = [];
      let count = 0;
      let after: string | null = null;
      for (;;) {
        const ids = await this.contracts.registeredIds(em, after, 500);
        if (!ids.length) break;
        const batch: ResolvedContribution[] = [];
        for (const id of ids) batch.push(await resolve(em, await this.contracts.facts(id, em), index));
        sums = combine([...sums, ...(await insertContributions(em, batch))]);
        count += ids.length;
        after = ids[ids.length - 1];
        if (count % 10_000 === 0) log(`${count} contracts`);
      }
      for (let i = 0; i < sums.length; i += 5_000) await applyDeltas(em, sums.slice(i, i + 5_000));
      return { contracts: count, aggregates: sums.length, ms: Date.now() - started };
    });
  }

  /** Each KPI for the tenant and each of its children: the year so far, the same months last year, the target and whether it is on track. */
  async kpis(q: KpiQuery) {
    const year = Number(q.year);
    const tenant = await this.tenant(q.tenantCode);
    this.access.assert('read', 'RollupStatistic', { tenantId: tenant.id });
    const children: TenantRow[] = await this.ds.query(
      `SELECT id, code, name, tier, path::text AS path FROM tenant WHERE parent_id = $1 ORDER BY code`,
      [tenant.id],
    );
    const thisYear = chinaYear();
    const monthsElapsed = year < thisYear ? 12 : year > thisYear ? 0 : Number(chinaDate().slice(5, 7));
    const targets = await this.targetRows(
      [tenant, ...children].map((t) => t.id),
      year,
    );
    return this.kpiTable(tenant, [tenant, ...children], year, monthsElapsed, targets);
  }

  /**
   * The KPI table of `tiers` for `year`'s first `monthsElapsed` months against the same months a
   * year earlier, without a caller: the targets are given (read through the caller's scope by
   * the route, all of them by a report). A growth target of `tenant` applies to the other tiers
   * that have none of their own.
   */
  async kpiTable(tenant: TenantRow, tiers: TenantRow[], year: number, monthsElapsed: number, targets: RollupTarget[]): Promise<KpiTable> {
    const current: Period = { from: `${year}-01`, to: `${year}-${String(Math.max(monthsElapsed, 1)).padStart(2, '0')}` };
    const previous = previousYear(current);
    const actuals = new Map<string, { actual: number; previous: number }>();
    for (const code of KPI_CODES) {
      const def: KpiDefinition = KPIS[code];
      const filter = kpiFilterSql(def, 7);
      const rows: { tenant_id: string; actual: string; previous: string }[] = await this.ds.query(
        `SELECT tenant_id,
                COALESCE(sum(${def.measure}) FILTER (WHERE month BETWEEN $3::date AND $4::date), 0)::bigint AS actual,
                COALESCE(sum(${def.measure}) FILTER (WHERE month BETWEEN $5::date AND $6::date), 0)::bigint AS previous
           FROM rollup_aggregate
          WHERE tenant_id = ANY($1::uuid[]) AND side = $2 AND ${filter.sql}
          GROUP BY tenant_id`,
        [
          tiers.map((t) => t.id),
          def.side,
          monthStart(current.from),
          monthStart(current.to),
          monthStart(previous.from),
          monthStart(previous.to),
          ...filter.params,
        ],
      );
      for (const r of rows) actuals.set(`${r.tenant_id}:${code}`, { actual: Number(r.actual), previous: Number(r.previous) });
    }
    return {
      year,
      monthsElapsed,
      period: monthsElapsed ? current : null,
      tiers: tiers.map((t) => ({
        tenant: { code: t.code, name: t.name, tier: t.tier },
        kpis: KPI_CODES.map((code) => {
          const def: KpiDefinition = KPIS[code];
          const a = actuals.get(`${t.id}:${code}`) ?? { actual: 0, previous: 0 };
          // A growth target set for the tenant asked about applies to its children unless they have their own.
          const own = targets.find((x) => x.tenantId === t.id && x.kpi === code);
          const inherited =
            !own && def.target === 'growth' && t.id !== tenant.id
              ? targets.find((x) => x.tenantId === tenant.id && x.kpi === code)
              : undefined;
          const target = own ?? inherited ?? null;
          return {
            kpi: code,
            label: def.label,
            unit: def.unit,
            side: def.side,
            actual: a.actual,
            previous: a.previous,
            yoyPercent: yoyPercent(a.actual, a.previous),
            target: target
              ? {
                  value: target.value,
                  growthPercent: target.growthBp === null ? null : target.growthBp / 100,
                  source: target.source,
                  inherited: Boolean(inherited),
                }
              : null,
            onTrack: onTrack(def, target, a.actual, a.previous, monthsElapsed),
          };
        }),
      })),
    };
  }

  async listTargets(q: TargetsQuery) {
    const qb = this.ds.getRepository(RollupTarget).createQueryBuilder('t');
    this.access.scope(qb, 'read', 'RollupTarget');
    if (q.tenantCode) qb.andWhere('t.tenant_id = :tenantId', { tenantId: (await this.tenant(q.tenantCode)).id });
    if (q.year) qb.andWhere('t.year = :year', { year: Number(q.year) });
    const rows = await qb.orderBy('t.year', 'ASC').addOrderBy('t.kpi', 'ASC').getMany();
    return { items: rows.map(targetView) };
  }

  /** Sets (creates or replaces) a KPI's target for a tenant and year: an amount or count, or a growth rate, as the KPI takes. */
  async setTarget(dto: SetTarget) {
    const tenant = await this.tenant(dto.tenantCode);
    const def: KpiDefinition = KPIS[dto.kpi];
    if (def.target === 'amount' && (dto.value === undefined || dto.growthPercent !== undefined))
      throw ProblemException.invalidField(dto.value === undefined ? 'value' : 'growthPercent', 'targetIsAmount');
    if (def.target === 'growth' && (dto.growthPercent === undefined || dto.value !== undefined))
      throw ProblemException.invalidField(dto.growthPercent === undefined ? 'growthPercent' : 'value', 'targetIsGrowth');
    const saved = await this.ds.transaction(async (em) => {
      const repo = em.getRepository(RollupTarget);
      const existing = await repo.findOne({
        where: { tenantId: tenant.id, year: dto.year, kpi: dto.kpi },
        lock: { mode: 'pessimistic_write' },
      });
      const record = existing ?? repo.create({ tenantId: tenant.id, year: dto.year, kpi: dto.kpi });
      this.access.assert(existing ? 'update' : 'create', 'RollupTarget', record);
      return repo.save(
        Object.assign(record, {
          value: dto.value ?? null,
          growthBp: dto.growthPercent === undefined ? null : Math.round(dto.growthPercent * 100),
          source: dto.source,
          updatedBy: this.access.principal().userId,
        }),
      );
    });
    return targetView(saved);
  }

  private async targetRows(tenantIds: string[], year: number): Promise<RollupTarget[]> {
    const qb = this.ds
      .getRepository(RollupTarget)
      .createQueryBuilder('t')
      .where('t.tenant_id = ANY(:ids::uuid[])', { ids: tenantIds })
      .andWhere('t.year = :year', { year });
    return this.access.scope(qb, 'read', 'RollupTarget').getMany();
  }

  private period(q: StatisticsQuery): Period {
    if (q.period !== undefined) {
      if (q.from !== undefined || q.to !== undefined)
        throw ProblemException.invalidField(q.from !== undefined ? 'from' : 'to', 'periodOrRange');
      return parsePeriod(q.period)!;
    }
    if (q.from === undefined) throw ProblemException.invalidField('from', 'periodOrRange');
    if (q.to === undefined) throw ProblemException.invalidField('to', 'periodOrRange');
    if (q.to < q.from) throw ProblemException.invalidField('to', 'rangeOrder');
    return { from: q.from, to: q.to };
  }

  /** The tenant a request names (default: the caller's own); an unknown code is a 400 naming `tenantCode`. */
  async tenant(code: string | undefined, em: EntityManager = this.ds.manager): Promise<TenantRow> {
    const [row]: TenantRow[] = code
      ? await em.query(statisticsSql().tenant, [code])
      : await em.query(`SELECT id, code, name, tier, path::text AS path FROM tenant WHERE id = $1`, [this.access.principal().tenantId]);
    if (!row) throw ProblemException.invalidField('tenantCode', 'unknownTenant');
    return row;
  }
}

function measures(r: Record<string, unknown>): Totals {
  return {
    contracts: Number(r.contracts),
    amountFen: Number(r.amount_fen),
    techTransactionFen: Number(r.tech_transaction_fen),
    receivedFen: Number(r.received_fen),
    patents: Number(r.patents),
  };
}

function label(breakdown: string, key: string): string {
  if (breakdown === 'byContractType') return CONTRACT_TYPES[key as keyof typeof CONTRACT_TYPES]?.label ?? key;
  if (breakdown === 'byBuyerCategory') return LABELS.buyerCategory[key] ?? key;
  if (breakdown === 'bySellerCategory') return LABELS.sellerCategory[key] ?? key;
  if (breakdown === 'byFlow') return LABELS.flow[key] ?? key;
  return key === 'unknown' ? '未知' : key;
}

function targetView(t: RollupTarget) {
  return {
    id: t.id,
    tenantId: t.tenantId,
    year: t.year,
    kpi: t.kpi as KpiCode,
    value: t.value,
    growthPercent: t.growthBp === null ? null : t.growthBp / 100,
    source: t.source,
    updatedAt: t.changedAt,
  };
}
