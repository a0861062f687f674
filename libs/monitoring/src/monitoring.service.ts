import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { monitoredContracts } from '@techmarket/contracts';
import { AccessService, chinaDate, newestFirst, ProblemException } from '@techmarket/core';
import { monitoredApplications, policyFlags } from '@techmarket/policy';
import type { Queue } from 'bullmq';
import type { DataSource, EntityManager } from 'typeorm';
import type { FindingAction, FindingsQuery, RulesQuery, SetRule } from './dto/monitoring.dto.js';
import { type FindingStatus, MonitoringFinding, MonitoringRuleSetting } from './entities/index.js';
import { MONITORING_QUEUE } from './monitoring.registration.js';
import {
  addMonths,
  defaultParams,
  evaluateAll,
  type Hit,
  invalidParam,
  type ParamsFor,
  RULE_CODES,
  type RuleCode,
  type RuleParams,
  RULES,
} from './rules.js';

export const STATUS_LABELS: Record<FindingStatus, string> = {
  open: '待处理',
  explained: '已说明',
  confirmed: '已确认异常',
  closed: '已关闭',
};

/** The daily scan: 02:30 China time. */
export const SCAN_SCHEDULE = { id: 'monitoring-daily-scan', pattern: '0 30 2 * * *', tz: 'Asia/Shanghai' };

interface TenantRow {
  id: string;
  code: string;
  path: string;
}

/** The steps of the review: who may take each, from which statuses. */
const STEPS: Record<
  'explain' | 'confirm' | 'close',
  { to: FindingStatus; from: FindingStatus[]; action: 'update' | 'review'; zh: string }
> = {
  explain: { to: 'explained', from: ['open', 'explained'], action: 'update', zh: '说明' },
  confirm: { to: 'confirmed', from: ['open', 'explained'], action: 'review', zh: '确认异常' },
  close: { to: 'closed', from: ['explained', 'confirmed'], action: 'review', zh: '关闭' },
};

/**
 * 异常专利转让、许可数据监测: the scan (rules over the contracts' and policy's monitoring feeds, hits
 * into the review queue), the queue and its steps, and the tiers' rule thresholds.
 */
@Injectable()
export class MonitoringService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(AccessService) private readonly access: AccessService,
    @InjectQueue(MONITORING_QUEUE) private readonly queue: Queue,
  ) {}

  /** The province admin starts a scan now; the worker runs it. */
  async requestScan(): Promise<{ jobId: string }> {
    const root = await this.root();
    this.access.assert('create', 'MonitoringScan', { tenantId: root.id });
    const job = await this.queue.add('scan', { requestedBy: this.access.principal().userId }, { removeOnComplete: 100, removeOnFail: 100 });
    return { jobId: String(job.id) };
  }

  /** The repeatable scan and the state of a requested one. */
  async scans(jobId?: string) {
    const root = await this.root();
    this.access.assert('create', 'MonitoringScan', { tenantId: root.id });
    const schedulers = await this.queue.getJobSchedulers();
    const job = jobId ? await this.queue.getJob(jobId) : undefined;
    return {
      schedule: schedulers.map((s) => ({ id: s.key, pattern: s.pattern, tz: s.tz, next: s.next ? new Date(s.next).toISOString() : null })),
      ...(jobId ? { job: job ? { id: String(job.id), state: await job.getState(), result: job.returnvalue ?? null } : null } : {}),
    };
  }

  /**
   * Runs every rule and adds each new hit to the queue (a hit already there, in any status, is
   * left as it is: its subject key finds it). Without a caller: the worker runs it.
   */
  async scan(today = chinaDate()): Promise<{ hits: number; created: number; byRule: Record<string, number> }> {
    return this.ds.transaction(async (em) => {
      const paramsFor = await this.paramsResolver(em);
      const all = paramsFor.all();
      const months = Math.max(13, ...all.map((p) => p.round_trip.months + 1));
      const since = addMonths(today, -Math.min(months, 60));
      const [contracts, applications, flagList] = await Promise.all([
        monitoredContracts(em, since),
        monitoredApplications(em, since),
        policyFlags(em),
      ]);
      const hits = evaluateAll({ contracts, applications, flags: flagList, today }, paramsFor);
      const created = await this.store(em, hits, paramsFor);
      const byRule: Record<string, number> = {};
      for (const h of hits) byRule[h.rule] = (byRule[h.rule] ?? 0) + 1;
      return { hits: hits.length, created, byRule };
    });
  }

  private async store(em: EntityManager, hits: Hit[], paramsFor: ParamsFor & { all: () => RuleParams[] }): Promise<number> {
    if (!hits.length) return 0;
    const existing: { rule: string; subject_key: string }[] = await em.query(
      `SELECT rule, subject_key FROM monitoring_finding WHERE (rule, subject_key) IN (SELECT * FROM unnest($1::varchar[], $2::varchar[]))`,
      [hits.map((h) => h.rule), hits.map((h) => h.subjectKey)],
    );
    const known = new Set(existing.map((e) => `${e.rule}\u0001${e.subject_key}`));
    const fresh = hits.filter((h) => !known.has(`${h.rule}\u0001${h.subjectKey}`));
    const repo = em.getRepository(MonitoringFinding);
    const now = new Date();
    // Through the repository, so the audit subscriber records each new finding.
    for (const h of fresh)
      await repo.save(
        repo.create({
          tenantId: h.tenantId,
          rule: h.rule,
          subjectKey: h.subjectKey,
          subject: h.subject,
          score: h.score,
          reasons: h.reasons,
          params: paramsFor(h.tenantId)[h.rule],
          status: 'open',
          detectedAt: now,
        }),
      );
    return fresh.length;
  }

  /** Parameters for a record of a tenant: the nearest tier's setting on its path, else the defaults. */
  private async paramsResolver(em: EntityManager): Promise<ParamsFor & { all: () => RuleParams[] }> {
    const tenants: TenantRow[] = await em.query(`SELECT id, code, path::text AS path FROM tenant`);
    const byCode = new Map(tenants.map((t) => [t.code, t]));
    const settings = await em.getRepository(MonitoringRuleSetting).find();
    const byTenant = new Map<string, MonitoringRuleSetting[]>();
    for (const s of settings) byTenant.set(s.tenantId, [...(byTenant.get(s.tenantId) ?? []), s]);
    const cache = new Map<string, RuleParams>();
    const resolve = (tenantId: string): RuleParams => {
      const hit = cache.get(tenantId);
      if (hit) return hit;
      const t = tenants.find((x) => x.id === tenantId);
      const path = t ? t.path.split('.').map((c) => byCode.get(c)?.id) : [];
      const params = defaultParams();
      for (const id of path) {
        for (const s of (id && byTenant.get(id)) || []) {
          const rule = s.rule as RuleCode;
          if (params[rule]) Object.assign(params[rule], s.params, { enabled: s.enabled });
        }
      }
      cache.set(tenantId, params);
      return params;
    };
    return Object.assign(resolve, { all: () => [defaultParams(), ...settings.map((s) => resolve(s.tenantId))] });
  }

  async list(q: FindingsQuery) {
    const qb = this.ds.getRepository(MonitoringFinding).createQueryBuilder('f');
    this.access.scope(qb, 'read', 'MonitoringFinding');
    if (q.tenantCode) {
      const t = await this.tenant(q.tenantCode);
      qb.andWhere(`f.tenant_id IN (SELECT id FROM tenant WHERE path <@ (SELECT path FROM tenant WHERE id = :tid))`, { tid: t.id });
    }
    if (q.status) qb.andWhere('f.status = :status', { status: q.status });
    if (q.rule) qb.andWhere('f.rule = :rule', { rule: q.rule });
    const page = await newestFirst(qb, q, 50);
    return { ...page, items: page.items.map(view) };
  }

  async get(id: string) {
    return view(await this.findReadable(this.ds.manager, id));
  }

  /** One step of the review (说明 / 确认异常 / 关闭), audited. */
  async step(id: string, step: keyof typeof STEPS, body: FindingAction) {
    const s = STEPS[step];
    const saved = await this.ds.transaction(async (em) => {
      const f = await this.findReadable(em, id, true);
      this.access.assert(s.action, 'MonitoringFinding', f);
      if (!s.from.includes(f.status))
        throw new ProblemException('INVALID_TRANSITION', {
          from: { zh: STATUS_LABELS[f.status], en: f.status },
          action: { zh: s.zh, en: step },
        });
      if (step === 'explain') f.explanation = body.text;
      else f.resolution = body.text;
      f.status = s.to;
      f.updatedBy = this.access.principal().userId;
      return em.save(f);
    });
    return view(saved);
  }

  /** Each rule with its explanation, defaults and the parameters in force for the tenant (and which tier set them). */
  async rules(q: RulesQuery) {
    const tenant = await this.tenant(q.tenantCode);
    this.access.assert('read', 'MonitoringRule', { tenantId: tenant.id });
    const paramsFor = await this.paramsResolver(this.ds.manager);
    const effective = paramsFor(tenant.id);
    const ids = tenant.path.split('.');
    const pathTenants: TenantRow[] = await this.ds.query(`SELECT id, code, path::text AS path FROM tenant WHERE code = ANY($1)`, [ids]);
    const settings = await this.ds.getRepository(MonitoringRuleSetting).find();
    return {
      tenant: { code: tenant.code },
      items: RULE_CODES.map((code) => {
        const setBy = [...pathTenants]
          .sort((a, b) => b.path.length - a.path.length)
          .find((t) => settings.some((s) => s.tenantId === t.id && s.rule === code));
        return {
          rule: code,
          name: RULES[code].name,
          explanation: RULES[code].explanation,
          defaults: RULES[code].defaults,
          params: RULES[code].params,
          effective: effective[code],
          setBy: setBy?.code ?? null,
        };
      }),
    };
  }

  /** A tier admin sets its own tier's thresholds for a rule (tiers below inherit them unless they set their own). */
  async setRule(rule: string, dto: SetRule) {
    if (!(RULE_CODES as readonly string[]).includes(rule)) throw ProblemException.invalidField('rule', 'unknownRule');
    const code = rule as RuleCode;
    const bad = invalidParam(code, dto.params ?? {});
    if (bad) throw ProblemException.invalidField(`params.${bad}`, 'monitoringParam');
    const tenant = await this.tenant(dto.tenantCode);
    await this.ds.transaction(async (em) => {
      const repo = em.getRepository(MonitoringRuleSetting);
      const existing = await repo.findOne({ where: { tenantId: tenant.id, rule: code }, lock: { mode: 'pessimistic_write' } });
      const record = existing ?? repo.create({ tenantId: tenant.id, rule: code, params: {}, enabled: true });
      this.access.assert(existing ? 'update' : 'create', 'MonitoringRule', record);
      Object.assign(record, {
        params: { ...record.params, ...(dto.params ?? {}) },
        enabled: dto.enabled ?? record.enabled,
        updatedBy: this.access.principal().userId,
      });
      await repo.save(record);
    });
    return this.rules({ tenantCode: tenant.code });
  }

  private async findReadable(em: EntityManager, id: string, lock = false): Promise<MonitoringFinding> {
    const qb = em.getRepository(MonitoringFinding).createQueryBuilder('f').where('f.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const f = await this.access.scope(qb, 'read', 'MonitoringFinding').getOne();
    if (!f) throw ProblemException.notFound('MonitoringFinding');
    return f;
  }

  private async root(): Promise<{ id: string }> {
    const [root]: { id: string }[] = await this.ds.query(`SELECT id FROM tenant WHERE parent_id IS NULL`);
    return root;
  }

  private async tenant(code: string | undefined): Promise<TenantRow> {
    const [row]: TenantRow[] = code
      ? await this.ds.query(`SELECT id, code, path::text AS path FROM tenant WHERE code = $1`, [code])
      : await this.ds.query(`SELECT id, code, path::text AS path FROM tenant WHERE id = $1`, [this.access.principal().tenantId]);
    if (!row) throw ProblemException.invalidField('tenantCode', 'unknownTenant');
    return row;
  }
}

function view(f: MonitoringFinding) {
  return {
    id: f.id,
    tenantId: f.tenantId,
    rule: f.rule,
    ruleName: RULES[f.rule as RuleCode]?.name ?? f.rule,
    subjectKey: f.subjectKey,
    subject: f.subject,
    score: f.score,
    reasons: f.reasons,
    params: f.params,
    status: f.status,
    statusLabel: STATUS_LABELS[f.status],
    explanation: f.explanation,
    resolution: f.resolution,
    detectedAt: f.detectedAt,
    updatedAt: f.updatedAt,
  };
}
