import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type FieldError, ProblemException } from '../http/problem.exception.js';
import { newestFirst, type Page } from '../http/pagination.js';
import { AccessService } from '../iam/access.service.js';
import type { Tenant } from '../tenancy/tenant.entity.js';
import type {
  ConfirmFactRequest,
  FactRequestView,
  FactSourceInput,
  ImportStatusListQuery,
  ListFactRequestsQuery,
  RejectFactRequest,
  RequestFactChange,
  SetFounding,
  SetStatus,
  StatusImportResult,
} from './dto/organization-fact.dto.js';
import type { OrganizationView } from './dto/organization.dto.js';
import {
  type ClaimedSource,
  type FactSourceKind,
  type FoundingValue,
  type OrganizationFact,
  OrganizationFactRequest,
  OrganizationFactSource,
  type OrganizationStatus,
  STATUS_LABELS,
} from './organization-fact.entity.js';
import { Organization } from './organization.entity.js';
import { OrganizationsService } from './organizations.service.js';
import { readStatusList } from './status-list.js';

type Org = Organization & { tenant: Tenant };
interface Source {
  kind: FactSourceKind;
  name: string;
  certificateNumber?: string | null;
  issuedOn: string;
  validUntil?: string | null;
}

const STATE_LABELS = {
  pending: { zh: '待处理', en: 'pending' },
  confirmed: { zh: '已确认', en: 'confirmed' },
  rejected: { zh: '已驳回', en: 'rejected' },
};

/**
 * 认定: an organisation's statuses (中小企业 / 专精特新 / 高新技术企业) and founding facts are set only
 * by tier staff of its tenant chain (`attest`), each from a named source (list, certificate,
 * document, or an imported official list), which is kept beside the value with who confirmed it
 * and when. A firm's member asks for a change with its evidence; staff confirm or reject. Every
 * write goes through `save`, so the audit log records each step in the same transaction.
 */
@Injectable()
export class OrganizationAttestationService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(OrganizationsService) private readonly orgs: OrganizationsService,
  ) {}

  async setStatus(id: string, status: OrganizationStatus, dto: SetStatus): Promise<OrganizationView> {
    const org = await this.attestable(id, 'status');
    checkSource(dto.source, 'source');
    await this.ds.transaction((em) => this.write(em, org, status, dto.value, dto.source, dto.note ?? null, null));
    return this.orgs.get(id);
  }

  async setFounding(id: string, dto: SetFounding): Promise<OrganizationView> {
    const org = await this.attestable(id, 'founding');
    checkSource(dto.source, 'source');
    const { source, note, ...founding } = dto;
    await this.ds.transaction((em) => this.write(em, org, 'founding', founding, source, note ?? null, null));
    return this.orgs.get(id);
  }

  /** A member asks tier staff to change one fact of its own organisation. */
  async request(id: string, dto: RequestFactChange): Promise<FactRequestView> {
    const org = await this.orgs.findReadable(id);
    const p = this.access.principal();
    this.access.assert('create', 'OrganizationFactRequest', { organizationId: org.id, tenantId: org.tenantId });
    if (org.type !== 'enterprise') throw ProblemException.invalidField('fact', 'organizationType', ['enterprise']);
    if (dto.fact === 'founding' && dto.value !== undefined)
      throw ProblemException.invalidField('value', 'notAllowedWhen', ['fact = founding']);
    if (dto.fact !== 'founding' && dto.founding !== undefined)
      throw ProblemException.invalidField('founding', 'notAllowedWhen', [`fact = ${dto.fact}`]);
    if (dto.source) checkSource(dto.source, 'source');
    const saved = await this.ds.transaction(async (em) => {
      // One open request per fact: the pending check and the insert under the organisation's row lock.
      await em.query(`SELECT 1 FROM organization WHERE id = $1 FOR UPDATE`, [org.id]);
      const pending = await em.existsBy(OrganizationFactRequest, { organizationId: org.id, fact: dto.fact, state: 'pending' });
      if (pending) throw new ProblemException('FACT_REQUEST_PENDING', { fact: STATUS_LABELS[dto.fact] });
      return em.save(
        em.create(OrganizationFactRequest, {
          tenantId: org.tenantId,
          organizationId: org.id,
          fact: dto.fact,
          value: dto.fact === 'founding' ? null : dto.value!,
          founding: dto.founding ? { ...dto.founding } : null,
          source: dto.source ? claimed(dto.source) : null,
          evidence: dto.evidence,
          state: 'pending',
          requestedBy: p.userId,
        }),
      );
    });
    return this.requestView(saved.id);
  }

  async listRequests(q: ListFactRequestsQuery): Promise<Page<FactRequestView>> {
    const qb = this.ds
      .getRepository(OrganizationFactRequest)
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.organization', 'o')
      .innerJoinAndSelect('r.tenant', 't');
    this.access.scope(qb, 'read', 'OrganizationFactRequest');
    if (q.state) qb.andWhere('r.state = :state', { state: q.state });
    if (q.organizationId) qb.andWhere('r.organization_id = :org', { org: q.organizationId });
    const page = await newestFirst(qb, q);
    return { items: page.items.map(toRequestView), nextCursor: page.nextCursor };
  }

  async getRequest(id: string): Promise<FactRequestView> {
    return this.requestView(id);
  }

  /** Staff confirm a pending request: the fact takes the requested value, from the source staff name (or the firm's). */
  async confirm(id: string, dto: ConfirmFactRequest): Promise<FactRequestView> {
    const req = await this.findRequest(id);
    const org = await this.attestable(req.organizationId, 'fact');
    if (dto.source) checkSource(dto.source, 'source');
    await this.ds.transaction(async (em) => {
      const locked = await this.pending(em, id, 'confirm');
      const source = dto.source ?? locked.source;
      if (!source) throw ProblemException.invalidField('source', 'isDefined');
      const value = locked.fact === 'founding' ? locked.founding! : locked.value!;
      await this.write(em, org, locked.fact, value, source, dto.note ?? null, locked.id);
      await em.save(Object.assign(locked, { state: 'confirmed', decidedBy: this.access.principal().userId, decidedAt: new Date() }));
    });
    return this.requestView(id);
  }

  async reject(id: string, dto: RejectFactRequest): Promise<FactRequestView> {
    const req = await this.findRequest(id);
    await this.attestable(req.organizationId, null);
    await this.ds.transaction(async (em) => {
      const locked = await this.pending(em, id, 'reject');
      await em.save(
        Object.assign(locked, {
          state: 'rejected',
          decidedBy: this.access.principal().userId,
          decidedAt: new Date(),
          decisionReason: dto.reason,
        }),
      );
    });
    return this.requestView(id);
  }

  /**
   * Imports an official list (名单): every row names a firm the caller may attest (by credit code,
   * else by its exact name) and gives it the status. All rows or none, in one transaction; every
   * bad row is reported (in Chinese by default) and nothing is stored.
   */
  async importList(file: { buffer: Buffer; fileName: string }, q: ImportStatusListQuery): Promise<StatusImportResult> {
    if (q.validUntil && q.validUntil < q.issuedOn) throw ProblemException.invalidField('validUntil', 'notBefore', [q.issuedOn]);
    const { rows, errors } = await readStatusList(file.buffer, file.fileName);
    const codes = [...new Set(rows.map((r) => r.creditCode).filter((c): c is string => !!c))];
    const names = [...new Set(rows.filter((r) => !r.creditCode && r.name).map((r) => r.name!))];
    // Only organisations the caller may attest are candidates: others read as "not found".
    const qb = this.ds
      .getRepository(Organization)
      .createQueryBuilder('o')
      .innerJoinAndSelect('o.tenant', 't')
      .where('(o.credit_code::text = ANY(:codes::text[]) OR o.name = ANY(:names::text[]))', { codes, names });
    const candidates = (await this.access.scope(qb, 'attest', 'Organization').getMany()) as Org[];
    const byCode = new Map(candidates.filter((o) => o.creditCode).map((o) => [o.creditCode!, o]));
    const byName = new Map<string, Org[]>();
    for (const o of candidates) byName.set(o.name, [...(byName.get(o.name) ?? []), o]);

    const planned: { row: number; org: Org; source: Source }[] = [];
    const seen = new Map<string, number>();
    for (const r of rows) {
      const rowErrors: FieldError[] = errors.filter((e) => e.field.startsWith(`rows[${r.row}]`));
      if (rowErrors.length) continue;
      const key = r.creditCode ?? r.name!;
      const field = r.creditCode ? `rows[${r.row}].creditCode` : `rows[${r.row}].name`;
      const matches = r.creditCode ? [byCode.get(r.creditCode)].filter((o): o is Org => !!o) : (byName.get(r.name!) ?? []);
      if (matches.length === 0) {
        errors.push({ field, code: 'rowUnknownOrganization', args: [r.row, key] });
        continue;
      }
      if (matches.length > 1) {
        errors.push({ field, code: 'rowAmbiguousName', args: [r.row, key] });
        continue;
      }
      const org = matches[0];
      if (org.type !== 'enterprise') {
        errors.push({ field, code: 'rowNotEnterprise', args: [r.row, org.name] });
        continue;
      }
      if (seen.has(org.id)) {
        errors.push({ field, code: 'rowDuplicate', args: [r.row, seen.get(org.id)] });
        continue;
      }
      seen.set(org.id, r.row);
      const issuedOn = r.issuedOn ?? q.issuedOn;
      const validUntil = r.validUntil ?? q.validUntil ?? null;
      if (validUntil && validUntil < issuedOn) {
        errors.push({ field: `rows[${r.row}].validUntil`, code: 'rowDateOrder', args: [r.row] });
        continue;
      }
      planned.push({
        row: r.row,
        org,
        source: {
          kind: 'import',
          name: q.sourceName,
          certificateNumber: r.certificateNumber ?? q.certificateNumber ?? null,
          issuedOn,
          validUntil,
        },
      });
    }
    if (errors.length) {
      const sorted = errors.sort((a, b) => rowOf(a) - rowOf(b));
      throw new ProblemException('ORGANIZATION_IMPORT_INVALID', { count: sorted.length }, sorted.slice(0, 500));
    }
    await this.ds.transaction(async (em) => {
      for (const p of planned) await this.write(em, p.org, q.status, true, p.source, null, null);
    });
    return {
      status: q.status,
      imported: planned.length,
      rows: planned.map((p) => ({ row: p.row, organizationId: p.org.id, name: p.org.name })),
    };
  }

  /** The organisation, readable (else 404) and attestable by the caller (else 403); statuses only for enterprises. */
  private async attestable(id: string, field: string | null): Promise<Org> {
    const org = await this.orgs.findReadable(id);
    this.access.assert('attest', 'Organization', org);
    if (field && org.type !== 'enterprise') throw ProblemException.invalidField(field, 'organizationType', ['enterprise']);
    return org;
  }

  /** The value, its source and who confirmed it, together; the audit subscriber logs both rows. */
  private async write(
    em: EntityManager,
    org: Org,
    fact: OrganizationFact,
    value: boolean | FoundingValue,
    source: Source,
    note: string | null,
    requestId: string | null,
  ): Promise<void> {
    const current = await em.findOneByOrFail(Organization, { id: org.id });
    if (fact === 'founding') {
      const f = value as FoundingValue;
      Object.assign(current, {
        foundedOn: f.foundedOn,
        foundedWithTechEquity: f.withTechnologyEquity,
        paidInCashCapitalFen: f.paidInCashCapitalFen,
      });
    } else current[fact] = value as boolean;
    await em.save(current);
    const existing = await em.findOneBy(OrganizationFactSource, { organizationId: org.id, fact });
    await em.save(
      Object.assign(existing ?? em.create(OrganizationFactSource, { organizationId: org.id, tenantId: org.tenantId, fact }), {
        value: fact === 'founding' ? null : (value as boolean),
        sourceKind: source.kind,
        sourceName: source.name,
        certificateNumber: source.certificateNumber ?? null,
        issuedOn: source.issuedOn,
        validUntil: source.validUntil ?? null,
        requestId,
        confirmedBy: this.access.principal().userId,
        confirmedAt: new Date(),
        note,
      }),
    );
  }

  /** A request the caller can see (else 404). */
  private async findRequest(id: string): Promise<OrganizationFactRequest> {
    const qb = this.ds.getRepository(OrganizationFactRequest).createQueryBuilder('r').where('r.id = :id', { id });
    const req = await this.access.scope(qb, 'read', 'OrganizationFactRequest').getOne();
    if (!req) throw ProblemException.notFound('OrganizationFactRequest');
    return req;
  }

  /** The request locked for a decision; only a pending one can be decided (409 otherwise). */
  private async pending(em: EntityManager, id: string, action: 'confirm' | 'reject'): Promise<OrganizationFactRequest> {
    const req = await em
      .getRepository(OrganizationFactRequest)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where('r.id = :id', { id })
      .getOneOrFail();
    if (req.state !== 'pending') {
      throw new ProblemException('INVALID_TRANSITION', {
        from: STATE_LABELS[req.state],
        action: action === 'confirm' ? { zh: '确认', en: 'confirm' } : { zh: '驳回', en: 'reject' },
      });
    }
    return req;
  }

  private async requestView(id: string): Promise<FactRequestView> {
    const qb = this.ds
      .getRepository(OrganizationFactRequest)
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.organization', 'o')
      .innerJoinAndSelect('r.tenant', 't')
      .where('r.id = :id', { id });
    const req = await this.access.scope(qb, 'read', 'OrganizationFactRequest').getOne();
    if (!req) throw ProblemException.notFound('OrganizationFactRequest');
    return toRequestView(req);
  }
}

function checkSource(s: FactSourceInput, field: string): void {
  if (s.validUntil && s.validUntil < s.issuedOn) throw ProblemException.invalidField(`${field}.validUntil`, 'notBefore', [s.issuedOn]);
}

function claimed(s: FactSourceInput): ClaimedSource {
  return {
    kind: s.kind,
    name: s.name,
    issuedOn: s.issuedOn,
    ...(s.certificateNumber ? { certificateNumber: s.certificateNumber } : {}),
    ...(s.validUntil ? { validUntil: s.validUntil } : {}),
  };
}

function rowOf(e: FieldError): number {
  return Number(/^rows\[(\d+)\]/.exec(e.field)?.[1] ?? 0);
}

function toRequestView(r: OrganizationFactRequest): FactRequestView {
  return {
    id: r.id,
    organizationId: r.organizationId,
    organizationName: r.organization!.name,
    tenantCode: r.tenant!.code,
    fact: r.fact,
    value: r.value,
    founding: r.founding,
    source: r.source,
    evidence: r.evidence,
    state: r.state,
    requestedBy: r.requestedBy,
    createdAt: r.createdAt.toISOString(),
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
    decisionReason: r.decisionReason,
  };
}
