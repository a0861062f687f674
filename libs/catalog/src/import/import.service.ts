import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { subject as asSubject } from '@casl/ability';
import {
  AccessService,
  type AppAbility,
  defineAbilityFor,
  OrganizationsService,
  PrincipalLoader,
  ProblemException,
} from '@techmarket/core';
import type { Queue } from 'bullmq';
import type { DataSource, EntityManager } from 'typeorm';
import { checkAchievement, refreshAchievementLicenceFlags } from '../achievements.service.js';
import { bulkInsert, bulkUpdate, pgArray } from '../bulk.js';
import { EDITABLE_STATUSES, IMPORT_QUEUE } from '../catalog.registration.js';
import { CatalogService } from '../catalog.service.js';
import { checkDemand } from '../demands.service.js';
import { CatalogImport, type ImportKind, type ImportMode, type ImportRowError } from '../entities/catalog-import.entity.js';
import { parsePatentNumber } from '../patent-number.js';
import { IMPORT_COLUMNS } from './columns.js';
import { domainErrors, type ParsedRow, parseRows } from './rows.js';
import { ImportFileError, readTable } from './read-file.js';

export interface ImportJob {
  importId: string;
}

const MAX_STORED_ERRORS = 1000;
const CHUNK = 2000;
const SUBJECT = { achievement: 'Achievement', patent: 'Patent', demand: 'Demand' } as const;

/** DB column, its SQL type, and the value when a new row leaves the cell empty. */
type ColumnMap = Record<string, [string, string, unknown]>;
const DB_COLUMNS: Record<ImportKind, ColumnMap> = {
  achievement: {
    externalId: ['external_id', 'text', null],
    title: ['title', 'text', null],
    summary: ['summary', 'text', null],
    field: ['field', 'text', null],
    keywords: ['keywords', 'text[]', []],
    maturity: ['maturity', 'text', null],
    trl: ['trl', 'smallint', null],
    transferModes: ['transfer_modes', 'text[]', []],
    priceFen: ['price_fen', 'bigint', null],
    priceNegotiable: ['price_negotiable', 'boolean', false],
    fundingSource: ['funding_source', 'text', null],
    contactName: ['contact_name', 'text', null],
    contactPhone: ['contact_phone', 'text', null],
  },
  patent: {
    applicationNumber: ['application_number', 'text', null],
    title: ['title', 'text', null],
    patentType: ['patent_type', 'text', null],
    legalStatus: ['legal_status', 'text', null],
    grantDate: ['grant_date', 'date', null],
    ipcClasses: ['ipc_classes', 'text[]', []],
    field: ['field', 'text', null],
    abstract: ['abstract', 'text', ''],
  },
  demand: {
    externalId: ['external_id', 'text', null],
    title: ['title', 'text', null],
    description: ['description', 'text', null],
    field: ['field', 'text', null],
    ipcClasses: ['ipc_classes', 'text[]', []],
    budgetMinFen: ['budget_min_fen', 'bigint', null],
    budgetMaxFen: ['budget_max_fen', 'bigint', null],
    deadline: ['deadline', 'date', null],
    isOpenCall: ['is_open_call', 'boolean', false],
    rewardFen: ['reward_fen', 'bigint', null],
  },
};

interface Org {
  id: string;
  tenant_id: string;
  name: string;
  type: string;
}
interface Existing {
  id: string;
  key: string;
  organization_id: string;
  tenant_id: string;
  status: string;
}
/** A row ready to write: new (insert) or matching an existing entry (update). */
interface Planned {
  row: number;
  values: Record<string, unknown>;
  org: Org;
  existing?: Existing;
  patentIds?: string[];
}

/**
 * 批量导入. The API stores the upload and queues a job; the worker reads the file, validates
 * every row with the API's own rules and the uploader's permissions, and writes either the
 * whole file or (if asked) the valid rows — always in one transaction, so a failure halfway
 * leaves nothing behind. Re-importing updates entries by external id (patents: by number).
 */
@Injectable()
export class CatalogImportService {
  private readonly logger = new Logger(CatalogImportService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(OrganizationsService) private readonly orgs: OrganizationsService,
    @Inject(PrincipalLoader) private readonly principals: PrincipalLoader,
    @Inject(CatalogService) private readonly catalog: CatalogService,
    @InjectQueue(IMPORT_QUEUE) private readonly queue: Queue<ImportJob>,
  ) {}

  async create(file: { buffer: Buffer; fileName: string }, kind: ImportKind, mode: ImportMode, organizationId?: string) {
    const p = this.access.principal();
    const orgId = organizationId ?? p.organizationId ?? null;
    const org = orgId
      ? await this.orgs.findReadable(orgId).catch(() => {
          throw ProblemException.invalidField('organizationId', 'unknownReference');
        })
      : null;
    const record = { tenantId: org?.tenantId ?? p.tenantId, organizationId: org?.id ?? null, createdBy: p.userId };
    this.access.assert('create', 'CatalogImport', record);
    const saved = await this.ds
      .getRepository(CatalogImport)
      .save({ ...record, kind, mode, fileName: file.fileName.slice(0, 200), content: file.buffer });
    // The answer is the import as accepted: read before the job is queued, or a fast worker's
    // `running` could come back instead of `queued`.
    const accepted = await this.get(saved.id);
    await this.queue.add('catalog.import', { importId: saved.id }, { jobId: saved.id, removeOnComplete: 1000, removeOnFail: 5000 });
    return accepted;
  }

  async get(id: string) {
    const qb = this.ds.getRepository(CatalogImport).createQueryBuilder('i').where('i.id = :id', { id });
    const row = await this.access.scope(qb, 'read', 'CatalogImport').getOne();
    if (!row) throw ProblemException.notFound('CatalogImport');
    return row;
  }

  /** Runs in the worker. Never throws for bad input: the outcome is written to the import row. */
  async run(importId: string): Promise<void> {
    const imp = await this.ds
      .getRepository(CatalogImport)
      .createQueryBuilder('i')
      .addSelect('i.content')
      .where('i.id = :id', { id: importId })
      .getOne();
    if (!imp || imp.status !== 'queued') return;
    // Claim the import in one statement: a redelivered job (a stalled lock, a second worker) finds it taken.
    const claimed = await this.ds
      .createQueryBuilder()
      .update(CatalogImport)
      .set({ status: 'running' })
      .where(`id = :id AND status = 'queued'`, { id: importId })
      .execute();
    if (!claimed.affected) return;
    try {
      const principal = await this.principals.load(imp.createdBy);
      if (!principal) throw new ImportFileError('导入人账号已停用');
      const ability = defineAbilityFor(principal);
      const table = await readTable(imp.content!, imp.fileName, IMPORT_COLUMNS[imp.kind].sheet);
      await this.progress(importId, { totalRows: table.rows.length });
      const parsed = await parseRows(imp.kind, table);
      const { planned, errors } = await this.plan(imp, ability, parsed.rows, parsed.errors);
      await this.progress(importId, { processedRows: table.rows.length });
      errors.sort((a, b) => a.row - b.row);
      if (errors.length && imp.mode === 'all_or_nothing') {
        await this.finish(importId, 'rejected', errors);
        return;
      }
      const counts = await this.ds.transaction((em) => this.write(em, imp, planned));
      await this.finish(importId, 'completed', errors, counts);
    } catch (e) {
      if (e instanceof ImportFileError) return this.finish(importId, 'rejected', [{ row: 0, column: null, message: e.message }]);
      this.logger.error(`import ${importId} failed: ${(e as Error).stack}`);
      await this.finish(importId, 'failed', [{ row: 0, column: null, message: '导入失败（系统错误），数据未作任何修改，请稍后重试' }]);
    }
  }

  /** Resolves owners, linked patents and existing entries; checks permissions and domain rules per row. */
  private async plan(imp: CatalogImport, ability: AppAbility, rows: ParsedRow[], errors: ImportRowError[]) {
    const kind = imp.kind;
    const columns = IMPORT_COLUMNS[kind].columns;
    const header = (p: string) => columns.find((c) => c.property === p)!.header;
    const orgNames = [...new Set(rows.map((r) => r.values.organizationName as string).filter(Boolean))];
    const orgs: Org[] = await this.ds.query(`SELECT id, tenant_id, name, type FROM organization WHERE name = ANY($1) OR id = $2`, [
      orgNames,
      imp.organizationId,
    ]);
    const canRead = (o: Org) => ability.can('read', asSubject('Organization', { ...o, tenantId: o.tenant_id }) as never);
    const byName = new Map(orgs.filter(canRead).map((o) => [o.name, o]));
    const defaultOrg = orgs.find((o) => o.id === imp.organizationId);

    const keyOf = (r: ParsedRow) =>
      kind === 'patent'
        ? (parsePatentNumber(String(r.values.applicationNumber))?.normalized ?? '')
        : ((r.values.externalId as string) ?? '');
    const keys = [...new Set(rows.map(keyOf).filter(Boolean))];
    const table = kind;
    const existing: Existing[] = keys.length
      ? await this.ds.query(
          kind === 'patent'
            ? `SELECT id, application_number AS key, organization_id, tenant_id, status FROM patent WHERE application_number = ANY($1)`
            : `SELECT id, external_id AS key, organization_id, tenant_id, status FROM ${table} WHERE external_id = ANY($1)`,
          [keys],
        )
      : [];

    const numbers = [...new Set(rows.flatMap((r) => (r.values.patentNumbers as string[] | undefined) ?? []))].map(
      (n) => parsePatentNumber(n)?.normalized ?? n,
    );
    const patents: { id: string; number: string; tenant_id: string; organization_id: string; status: string }[] = numbers.length
      ? await this.ds.query(
          `SELECT id, application_number AS number, tenant_id, organization_id, status FROM patent WHERE application_number = ANY($1)`,
          [numbers],
        )
      : [];
    const readablePatent = new Map(
      patents
        .filter((p) =>
          ability.can('read', asSubject('Patent', { tenantId: p.tenant_id, organizationId: p.organization_id, status: p.status }) as never),
        )
        .map((p) => [p.number, p.id]),
    );

    const planned: Planned[] = [];
    const seen = new Map<string, number>();
    for (const r of rows) {
      const fail = (column: string | null, message: string) => errors.push({ row: r.row, column, message });
      const name = r.values.organizationName as string | undefined;
      const org = name ? byName.get(name) : defaultOrg;
      if (!org) {
        fail(header('organizationName'), name ? `机构“${name}”不存在或不在您的管辖范围内` : '必填（上传时未指定默认机构）');
        continue;
      }
      if (kind === 'demand' && org.type !== 'enterprise') {
        fail(header('organizationName'), '需求企业必须是企业类机构');
        continue;
      }
      const key = keyOf(r);
      const keyColumn = kind === 'patent' ? header('applicationNumber') : header('externalId');
      if (key && seen.has(`${org.id}:${key}`)) {
        fail(keyColumn, `与第 ${seen.get(`${org.id}:${key}`)} 行重复`);
        continue;
      }
      if (key) seen.set(`${org.id}:${key}`, r.row);
      const match = existing.find((e) => e.key === key && (kind === 'patent' || e.organization_id === org.id));
      if (match) {
        if (match.organization_id !== org.id) {
          fail(keyColumn, '该专利已由其他机构登记');
          continue;
        }
        const record = asSubject(SUBJECT[kind], { tenantId: match.tenant_id, organizationId: match.organization_id, status: match.status });
        if (!ability.can('update', record as never)) {
          fail(
            keyColumn,
            (EDITABLE_STATUSES as readonly string[]).includes(match.status)
              ? '无权修改该条目'
              : '该条目已提交或已发布，不能通过导入修改，请先撤回',
          );
          continue;
        }
      } else if (!ability.can('create', asSubject(SUBJECT[kind], { tenantId: org.tenant_id, organizationId: org.id }) as never)) {
        fail(header('organizationName'), `无权为“${org.name}”登记`);
        continue;
      }
      let patentIds: string[] | undefined;
      if (r.values.patentNumbers) {
        const nums = (r.values.patentNumbers as string[]).map((n) => parsePatentNumber(n)?.normalized ?? n);
        const missing = nums.filter((n) => !readablePatent.has(n));
        if (missing.length) {
          fail(header('patentNumbers'), `专利 ${missing.join('、')} 未登记或无权查看`);
          continue;
        }
        patentIds = nums.map((n) => readablePatent.get(n)!);
      }
      try {
        if (kind === 'achievement') checkAchievement(r.values as never);
        if (kind === 'demand') checkDemand(r.values);
        if (kind === 'patent') {
          const parsedNumber = parsePatentNumber(String(r.values.applicationNumber))!;
          if (parsedNumber.type !== r.values.patentType) {
            fail(header('patentType'), '与申请号中的专利类型不一致');
            continue;
          }
          r.values.applicationNumber = parsedNumber.normalized;
        }
      } catch (e) {
        errors.push(...domainErrors(kind, r.row, e));
        continue;
      }
      planned.push({ row: r.row, values: r.values, org, existing: match, patentIds });
    }
    return { planned, errors };
  }

  private async write(em: EntityManager, imp: CatalogImport, planned: Planned[]) {
    const kind = imp.kind;
    const map = DB_COLUMNS[kind];
    const present = new Set(planned.flatMap((p) => Object.keys(p.values)));
    const cell = (type: string, v: unknown) => (type.endsWith('[]') ? pgArray((v as string[]) ?? []) : v);
    const inserted: string[] = [];
    const updated: string[] = [];
    for (let i = 0; i < planned.length; i += CHUNK) {
      const chunk = planned.slice(i, i + CHUNK);
      const fresh = chunk.filter((p) => !p.existing);
      const insertCols = Object.entries(map);
      const ids = fresh.map(() => crypto.randomUUID());
      await bulkInsert(
        em,
        kind,
        [
          ['id', 'uuid'],
          ['tenant_id', 'uuid'],
          ['organization_id', 'uuid'],
          ['created_by', 'uuid'],
          ...insertCols.map(([, [c, t]]) => [c, t] as [string, string]),
        ],
        fresh.map((p, j) => [
          ids[j],
          p.org.tenant_id,
          p.org.id,
          imp.createdBy,
          ...insertCols.map(([prop, [, t, d]]) => cell(t, p.values[prop] ?? d)),
        ]),
        undefined,
        [['version', '1']],
      );
      const updateCols = Object.entries(map).filter(([prop]) => present.has(prop));
      const stale = chunk.filter((p) => p.existing);
      await bulkUpdate(
        em,
        kind,
        updateCols.map(([, [c, t]]) => [c, t] as [string, string]),
        stale.map((p) => [p.existing!.id, ...updateCols.map(([prop, [, t, d]]) => cell(t, p.values[prop] ?? d))]),
      );
      fresh.forEach((p, j) => ((p as Planned & { id: string }).id = ids[j]));
      const linked = chunk.filter((p) => p.patentIds);
      if (linked.length) {
        const idOf = (p: Planned) => p.existing?.id ?? (p as Planned & { id: string }).id;
        await em.query('DELETE FROM achievement_patent WHERE achievement_id = ANY($1::uuid[])', [linked.map(idOf)]);
        await bulkInsert(
          em,
          'achievement_patent',
          [
            ['achievement_id', 'uuid'],
            ['patent_id', 'uuid'],
          ],
          linked.flatMap((p) => p.patentIds!.map((pid) => [idOf(p), pid])),
        );
      }
      const chunkIds = [...ids, ...stale.map((p) => p.existing!.id)];
      if (kind === 'achievement') await refreshAchievementLicenceFlags(em, chunkIds);
      await this.catalog.reindex(em, kind, chunkIds);
      inserted.push(...ids);
      updated.push(...stale.map((p) => p.existing!.id));
      await this.progress(imp.id, { insertedRows: inserted.length, updatedRows: updated.length });
    }
    return { insertedRows: inserted.length, updatedRows: updated.length };
  }

  /** Progress goes through its own connection so it is visible while the import transaction is open. */
  private async progress(
    id: string,
    patch: Partial<Pick<CatalogImport, 'status' | 'totalRows' | 'processedRows' | 'insertedRows' | 'updatedRows'>>,
  ) {
    await this.ds.createQueryBuilder().update(CatalogImport).set(patch).where('id = :id', { id }).execute();
  }

  /** The outcome, through save() so the audit log records who imported what and how it ended. */
  private async finish(
    id: string,
    status: CatalogImport['status'],
    errors: ImportRowError[],
    counts?: { insertedRows: number; updatedRows: number },
  ) {
    const repo = this.ds.getRepository(CatalogImport);
    const row = await repo.findOneByOrFail({ id });
    Object.assign(row, {
      status,
      errors: errors.slice(0, MAX_STORED_ERRORS),
      errorCount: errors.length,
      finishedAt: new Date(),
      content: null,
      ...(counts ?? { insertedRows: 0, updatedRows: 0 }),
    });
    await repo.save(row);
  }
}
