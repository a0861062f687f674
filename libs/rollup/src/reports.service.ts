import { createHash } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessService, chinaDate, MailQueue, newestFirst, ProblemException, UsersService, writeAuditEntry } from '@techmarket/core';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { ReportsQuery, RequestReport } from './dto/rollup.dto.js';
import { RollupReport, RollupTarget } from './entities/index.js';
import { rollupReportTables } from './rollup-sections.js';
import { previousPeriod, type ReportData, type ReportKind, reportHtml, reportKind, reportTitle, reportXlsx } from './report.js';
import { ROLLUP_REPORTS_QUEUE } from './rollup.registration.js';
import { RollupService, type TenantRow } from './rollup.service.js';

/** The scheduled runs, China time: the previous month's reports at 06:00 on the 1st, the previous year's at 07:00 on 1 January. */
export const REPORT_SCHEDULES = [
  { id: 'rollup-monthly-reports', kind: 'monthly' as const, pattern: '0 0 6 1 * *', tz: 'Asia/Shanghai' },
  { id: 'rollup-annual-reports', kind: 'annual' as const, pattern: '0 0 7 1 1 *', tz: 'Asia/Shanghai' },
];

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The job's data: one report to make, or a scheduled run making every tenant's. */
export type ReportJob = { reportId: string } | { scheduled: ReportKind; today?: string };

/**
 * 定期通报: a tenant's monthly and annual reports. A tier admin asks for its own tenant's
 * (`request`), the schedule makes every tenant's; the worker reads the figures, makes the XLSX
 * and stores both with the report, and mails the XLSX to the tenant's staff. Reads are scoped by
 * the caller's subtree, like the statistics.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(RollupService) private readonly rollup: RollupService,
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(MailQueue) private readonly mail: MailQueue,
    @InjectQueue(ROLLUP_REPORTS_QUEUE) private readonly queue: Queue<ReportJob>,
  ) {}

  async request(dto: RequestReport) {
    const tenant = await this.rollup.tenant(dto.tenantCode);
    const kind = reportKind(dto.period);
    // A period that has not begun (China time) has nothing to report.
    if (!kind || dto.period > chinaDate().slice(0, kind === 'annual' ? 4 : 7))
      throw ProblemException.invalidField('period', 'reportPeriod');
    const saved = await this.ds.transaction(async (em) => {
      const repo = em.getRepository(RollupReport);
      const report = repo.create({
        tenantId: tenant.id,
        kind,
        period: dto.period,
        status: 'pending',
        requestedBy: this.access.principal().userId,
        mailedTo: [],
      });
      this.access.assert('create', 'RollupReport', report);
      return repo.save(report);
    });
    await this.queue.add(
      'report',
      { reportId: saved.id },
      {
        jobId: `report-${saved.id}`,
        attempts: 3,
        backoff: { type: 'exponential', delay: 2_000 },
        removeOnComplete: 1_000,
        removeOnFail: 1_000,
      },
    );
    return view(saved, tenant);
  }

  async list(q: ReportsQuery) {
    const qb = this.ds.getRepository(RollupReport).createQueryBuilder('r').innerJoinAndSelect('r.tenant', 't');
    this.access.scope(qb, 'read', 'RollupReport');
    if (q.tenantCode) qb.andWhere('r.tenant_id = :tenantId', { tenantId: (await this.rollup.tenant(q.tenantCode)).id });
    const page = await newestFirst(qb, q);
    return { items: page.items.map((r) => view(r, r.tenant!)), nextCursor: page.nextCursor };
  }

  /** A finished report's figures and its printable page. */
  async html(id: string): Promise<string> {
    const r = await this.readable(id, 'data');
    return reportHtml(r.data as ReportData);
  }

  async xlsx(id: string): Promise<{ file: Buffer; filename: string }> {
    const r = await this.readable(id, 'xlsx');
    return { file: r.xlsx!, filename: `report-${r.tenant!.code}-${r.period}.xlsx` };
  }

  private async readable(id: string, column: 'data' | 'xlsx'): Promise<RollupReport> {
    const qb = this.ds
      .getRepository(RollupReport)
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.tenant', 't')
      .addSelect(`r.${column}`)
      .where('r.id = :id', { id });
    const r = await this.access.scope(qb, 'read', 'RollupReport').getOne();
    if (!r) throw ProblemException.notFound('RollupReport');
    if (r.status !== 'done') throw new ProblemException('REPORT_NOT_READY', { status: r.status });
    return r;
  }

  // ------------------------------------------------------------------ the worker's side

  /** Makes one report: figures, XLSX, stored with it (audited), then mailed to the tenant's staff. */
  async generate(reportId: string): Promise<{ status: string; mailedTo: string[] }> {
    const report = await this.ds.getRepository(RollupReport).findOneOrFail({ where: { id: reportId }, relations: { tenant: true } });
    if (report.status === 'done') return { status: 'done', mailedTo: report.mailedTo };
    const tenant: TenantRow = await this.rollup.tenant(report.tenant!.code);
    const data = await this.data(tenant, report.kind as ReportKind, report.period);
    const xlsx = await reportXlsx(data);
    const to = await this.users.recipients({ staffOfTenant: tenant.id });
    await this.ds.transaction(async (em) => {
      await em.query(
        `UPDATE rollup_report SET status = 'done', data = $2, xlsx = $3, mailed_to = $4, completed_at = now(), error = NULL WHERE id = $1`,
        [reportId, JSON.stringify(data), xlsx, JSON.stringify(to)],
      );
      await writeAuditEntry(em, {
        tenantId: tenant.id,
        action: 'update',
        entityType: 'RollupReport',
        entityId: reportId,
        changes: {
          status: { from: report.status, to: 'done' },
          xlsxSha256: { from: null, to: createHash('sha256').update(xlsx).digest('hex') },
          mailedTo: { from: report.mailedTo, to },
        },
      });
    });
    const content = xlsx.toString('base64');
    for (const address of to)
      await this.mail.enqueue({
        to: address,
        subject: data.title,
        text: `${data.title}已生成，详见附件（XLSX）。统计期间：${data.statistics.period.from} 至 ${data.statistics.period.to}。`,
        attachments: [{ filename: `${data.title}.xlsx`, content, contentType: XLSX_TYPE }],
      });
    return { status: 'done', mailedTo: to };
  }

  /** A failed report says so (after the job's last attempt). */
  async fail(reportId: string, message: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      const [row]: { tenant_id: string; status: string }[] = await em.query(
        `UPDATE rollup_report SET status = 'failed', error = $2, completed_at = now() WHERE id = $1 AND status = 'pending' RETURNING tenant_id, status`,
        [reportId, message.slice(0, 500)],
      );
      if (row)
        await writeAuditEntry(em, {
          tenantId: row.tenant_id,
          action: 'update',
          entityType: 'RollupReport',
          entityId: reportId,
          changes: { status: { from: 'pending', to: 'failed' } },
        });
    });
  }

  /**
   * A scheduled run: every tenant's report for the month or year just ended. Each report is
   * made once per tenant and period by the schedule (a retried run skips the made ones).
   */
  async scheduled(kind: ReportKind, today = chinaDate()): Promise<{ period: string; reports: number }> {
    const period = previousPeriod(kind, today);
    const tenants: { id: string }[] = await this.ds.query(`SELECT id FROM tenant ORDER BY path`);
    let made = 0;
    for (const t of tenants) {
      const id = await this.ds.transaction(async (em) => {
        const [existing]: { id: string }[] = await em.query(
          `SELECT id FROM rollup_report WHERE tenant_id = $1 AND kind = $2 AND period = $3 AND requested_by IS NULL`,
          [t.id, kind, period],
        );
        if (existing) return existing.id;
        const repo = em.getRepository(RollupReport);
        return (await repo.save(repo.create({ tenantId: t.id, kind, period, status: 'pending', requestedBy: null, mailedTo: [] }))).id;
      });
      await this.generate(id);
      made++;
    }
    return { period, reports: made };
  }

  /**
   * The report's figures: the statistics of the month or year and the KPI table (the year to the
   * period's last month, against the same months a year earlier). The tenant and its children;
   * the province's annual report takes every tenant of the three tiers.
   */
  async data(tenant: TenantRow, kind: ReportKind, period: string): Promise<ReportData> {
    const year = Number(period.slice(0, 4));
    const from = kind === 'annual' ? `${period}-01` : period;
    const to = kind === 'annual' ? `${period}-12` : period;
    const statistics = await this.rollup.statisticsOf(tenant, { from, to });
    const tiers: TenantRow[] = await this.ds.query(
      tenant.tier === 'province' && kind === 'annual'
        ? `SELECT id, code, name, tier, path::text AS path FROM tenant ORDER BY nlevel(path), code`
        : `SELECT id, code, name, tier, path::text AS path FROM tenant WHERE id = $1 OR parent_id = $1 ORDER BY nlevel(path), code`,
      tenant.tier === 'province' && kind === 'annual' ? [] : [tenant.id],
    );
    const today = chinaDate();
    const lastMonth = Number(to.slice(5, 7));
    const monthsElapsed = year < Number(today.slice(0, 4)) ? lastMonth : Math.min(lastMonth, Number(today.slice(5, 7)));
    const targets = await this.ds
      .getRepository(RollupTarget)
      .createQueryBuilder('t')
      .where('t.tenant_id = ANY(:ids::uuid[])', { ids: tiers.map((t) => t.id) })
      .andWhere('t.year = :year', { year })
      .getMany();
    const kpis = await this.rollup.kpiTable(tenant, tiers, year, monthsElapsed, targets);
    const sections = await rollupReportTables(tenant, { from, to });
    return {
      kind,
      period,
      title: reportTitle(tenant.name, kind, period),
      generatedAt: new Date().toISOString(),
      statistics,
      kpis,
      sections,
    };
  }
}

function view(r: RollupReport, tenant: { code: string; name: string }) {
  return {
    id: r.id,
    tenant: { code: tenant.code, name: tenant.name },
    kind: r.kind as ReportKind,
    period: r.period,
    status: r.status,
    requestedBy: r.requestedBy,
    mailedTo: r.mailedTo,
    error: r.error,
    createdAt: r.createdAt,
    completedAt: r.completedAt,
    links: r.status === 'done' ? { html: `/rollup/reports/${r.id}`, xlsx: `/rollup/reports/${r.id}.xlsx` } : null,
  };
}
