import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { decodeCursor, type Page, toPage } from '../http/pagination.js';
import { ProblemException } from '../http/problem.exception.js';
import { AccessService } from '../iam/access.service.js';
import { chinaDate } from '../time/china-time.js';
import { whereInSubtree } from '../tenancy/subtree-filter.js';
import { TenancyService } from '../tenancy/tenancy.service.js';
import { Tenant } from '../tenancy/tenant.entity.js';
import type {
  CreateOrganization,
  FactSourceView,
  ListOrganizationsQuery,
  OrganizationView,
  StatusesView,
  UpdateOrganization,
} from './dto/organization.dto.js';
import { type FoundingValue, ORGANIZATION_STATUSES, OrganizationFactSource } from './organization-fact.entity.js';
import type { FactSourceFacts, FoundingFacts, OrganizationFacts } from './organization-facts.js';
import { Organization } from './organization.entity.js';

/** 机构名录: organisations registered in the tenant where they are located. */
@Injectable()
export class OrganizationsService {
  constructor(
    @InjectRepository(Organization) private readonly orgs: Repository<Organization>,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(TenancyService) private readonly tenancy: TenancyService,
  ) {}

  /**
   * The facts of organisations as domain events carry them, in one query, without a caller's
   * scope (events are built inside the producing module's own checked operation). Missing ids
   * are simply absent from the answer.
   */
  async facts(ids: string[], em: EntityManager = this.orgs.manager): Promise<Map<string, OrganizationFacts>> {
    if (!ids.length) return new Map();
    const facts = await this.queryFacts(em, 'o.id = ANY($1)', [[...new Set(ids)]]);
    return new Map(facts.map((o) => [o.id, o]));
  }

  /** The facts of every organisation of a type in a tenant's subtree (e.g. the institutions a year close concerns). */
  async factsInSubtree(tenantId: string, type: Organization['type']): Promise<OrganizationFacts[]> {
    return this.queryFacts(this.orgs.manager, `o.type = $2 AND t.path <@ (SELECT path FROM tenant WHERE id = $1)`, [tenantId, type]);
  }

  private async queryFacts(em: EntityManager, where: string, params: unknown[]): Promise<OrganizationFacts[]> {
    const rows: FactRow[] = await em.query(
      `SELECT o.id, o.name, o.type, o.is_sme AS "isSme", o.is_specialized AS "isSpecialized", o.is_high_tech AS "isHighTech",
              o.tenant_id AS "tenantId", t.code AS "tenantCode", t.path::text AS path, o.division_code AS "divisionCode",
              o.founded_on::text AS "foundedOn", o.founded_with_tech_equity AS "foundedWithTechEquity",
              o.paid_in_cash_capital_fen::text AS "paidInCashCapitalFen",
              (SELECT json_agg(json_build_object('fact', s.fact, 'value', s.value, 'kind', s.source_kind, 'name', s.source_name,
                        'certificateNumber', s.certificate_number, 'issuedOn', s.issued_on, 'validUntil', s.valid_until,
                        'confirmedAt', s.confirmed_at))
                 FROM organization_fact_source s WHERE s.organization_id = o.id) AS sources,
              (SELECT r.founding FROM organization_fact_request r
                WHERE r.organization_id = o.id AND r.fact = 'founding' AND r.state = 'pending' ORDER BY r.created_at DESC LIMIT 1) AS "declaredFounding"
         FROM organization o JOIN tenant t ON t.id = o.tenant_id WHERE ${where} ORDER BY t.path, o.name`,
      params,
    );
    const today = chinaDate();
    return rows.map((o) => {
      const tenantPath = o.path.split('.');
      const source = (fact: string) => o.sources?.find((x) => x.fact === fact) ?? null;
      const statusSources = Object.fromEntries(
        ORGANIZATION_STATUSES.map((status) => {
          const src = source(status);
          return [status, src ? { ...sourceFacts(src), value: src.value ?? false, expired: isExpired(src.validUntil, today) } : null];
        }),
      ) as OrganizationFacts['statusSources'];
      // A status counts while it is recorded and its source (if any) has not expired.
      const holds = (status: (typeof ORGANIZATION_STATUSES)[number]) => o[status] && !statusSources[status]?.expired;
      return {
        id: o.id,
        name: o.name,
        type: o.type,
        isSme: holds('isSme'),
        isSpecialized: holds('isSpecialized'),
        isHighTech: holds('isHighTech'),
        statusSources,
        founding: foundingFacts(o, source('founding')),
        tenantId: o.tenantId,
        tenantCode: o.tenantCode,
        tenantPath,
        divisionCode: o.divisionCode,
        inProvince: sameProvince(o.divisionCode, tenantPath[0]),
      };
    });
  }

  /** The sources of the given organisations' facts, by organisation. */
  async sources(ids: string[], em: EntityManager = this.orgs.manager): Promise<Map<string, OrganizationFactSource[]>> {
    const out = new Map<string, OrganizationFactSource[]>();
    if (!ids.length) return out;
    const rows = await em
      .getRepository(OrganizationFactSource)
      .createQueryBuilder('s')
      .where('s.organization_id IN (:...ids)', { ids })
      .getMany();
    for (const r of rows) out.set(r.organizationId, [...(out.get(r.organizationId) ?? []), r]);
    return out;
  }

  /** The API view of organisations read with their tenant, with their statuses' sources. */
  async views(rows: (Organization & { tenant?: Tenant })[], em?: EntityManager): Promise<OrganizationView[]> {
    const sources = await this.sources(
      rows.map((o) => o.id),
      em,
    );
    const today = chinaDate();
    return rows.map((o) => toView(o, sources.get(o.id) ?? [], today));
  }

  async list(q: ListOrganizationsQuery): Promise<Page<OrganizationView>> {
    const limit = q.limit ?? 50;
    const qb = this.orgs.createQueryBuilder('o').innerJoinAndSelect('o.tenant', 't');
    this.access.scope(qb, 'read', 'Organization');
    if (q.type) qb.andWhere('o.type = :type', { type: q.type });
    if (q.tenantCode) whereInSubtree(qb, 't', q.tenantCode);
    if (q.cursor) {
      const [name, id] = decodeCursor(q.cursor, 2);
      qb.andWhere('(o.name, o.id) > (:name, :id)', { name, id });
    }
    const rows = await qb
      .orderBy('o.name', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(limit + 1)
      .getMany();
    const page = toPage(rows, limit, (o) => [o.name, o.id]);
    return { items: await this.views(page.items), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<OrganizationView> {
    return (await this.views([await this.findReadable(id)]))[0];
  }

  async create(dto: CreateOrganization): Promise<OrganizationView> {
    const tenant = await this.tenancy.findReadable(dto.tenantCode).catch(() => {
      throw ProblemException.invalidField('tenantCode', 'isTenantCode');
    });
    const { tenantCode: _, ...fields } = dto;
    // Statuses and founding facts are refused here (403): only `attest` sets them, from a source.
    this.access.assert('create', 'Organization', { ...fields, tenantId: tenant.id }, Object.keys(fields));
    const divisionCode = fields.divisionCode ?? tenant.code;
    await this.checkDivision(divisionCode, tenant);
    const saved = await this.orgs.save(this.orgs.create({ ...fields, divisionCode, tenantId: tenant.id }));
    return (await this.views([{ ...saved, tenant }]))[0];
  }

  async update(id: string, patch: UpdateOrganization): Promise<OrganizationView> {
    const org = await this.findReadable(id);
    this.access.assert('update', 'Organization', org, Object.keys(patch));
    if (patch.divisionCode) await this.checkDivision(patch.divisionCode, org.tenant);
    const { tenant, ...row } = org;
    const saved = await this.orgs.save(Object.assign(this.orgs.create(row), patch));
    return (await this.views([{ ...saved, tenant }]))[0];
  }

  /**
   * A division inside the platform's province must be the organisation's tenant or one below it
   * (a firm of 农安县 is not registered under 丰满区); one outside the province (吉浙 cooperation)
   * is only checked for its form (`IsDivisionCode`).
   */
  private async checkDivision(code: string, tenant: Tenant): Promise<void> {
    if (!sameProvince(code, tenant.path.split('.')[0])) return;
    const found = await this.orgs.manager.query(`SELECT 1 FROM tenant WHERE code = $1 AND path <@ $2::ltree`, [code, tenant.path]);
    if (!found.length) throw ProblemException.invalidField('divisionCode', 'divisionOutsideTenant', [tenant.code]);
  }

  async remove(id: string): Promise<void> {
    const org = await this.findReadable(id);
    this.access.assert('delete', 'Organization', org);
    await this.orgs.remove(this.orgs.create({ ...org, tenant: undefined }));
  }

  /** Readable by the caller, else 404 (an id from another subtree reveals nothing). */
  async findReadable(id: string): Promise<Organization & { tenant: Tenant }> {
    const qb = this.orgs.createQueryBuilder('o').innerJoinAndSelect('o.tenant', 't').where('o.id = :id', { id });
    const org = await this.access.scope(qb, 'read', 'Organization').getOne();
    if (!org) throw ProblemException.notFound('Organization');
    return org as Organization & { tenant: Tenant };
  }
}

interface SourceRow {
  fact: string;
  value: boolean | null;
  kind: FactSourceFacts['kind'];
  name: string;
  certificateNumber: string | null;
  issuedOn: string;
  validUntil: string | null;
  confirmedAt: string;
}
type FactRow = Omit<OrganizationFacts, 'tenantPath' | 'inProvince' | 'statusSources' | 'founding'> & {
  path: string;
  foundedOn: string | null;
  foundedWithTechEquity: boolean | null;
  paidInCashCapitalFen: string | null;
  sources: SourceRow[] | null;
  declaredFounding: FoundingValue | null;
};

/** Same province as the tree's root tenant: the first two digits of GB/T 2260 are the province. */
export function sameProvince(divisionCode: string, rootCode: string): boolean {
  return divisionCode.slice(0, 2) === rootCode.slice(0, 2);
}

/** A certificate valid until a China day is held through that day, and not after it. */
export function isExpired(validUntil: string | null, today: string): boolean {
  return validUntil !== null && validUntil < today;
}

function sourceFacts(s: SourceRow): FactSourceFacts {
  return {
    kind: s.kind,
    name: s.name,
    certificateNumber: s.certificateNumber,
    issuedOn: s.issuedOn,
    validUntil: s.validUntil,
    confirmedOn: chinaDate(new Date(s.confirmedAt)),
  };
}

/** The confirmed founding facts; else the firm's pending declaration, marked unconfirmed; else null. */
function foundingFacts(o: FactRow, source: SourceRow | null): FoundingFacts | null {
  if (o.foundedOn !== null && o.foundedWithTechEquity !== null && o.paidInCashCapitalFen !== null) {
    return {
      foundedOn: o.foundedOn,
      withTechnologyEquity: o.foundedWithTechEquity,
      paidInCashCapitalFen: Number(o.paidInCashCapitalFen),
      confirmed: true,
      source: source ? sourceFacts(source) : null,
    };
  }
  if (o.declaredFounding) return { ...o.declaredFounding, confirmed: false, source: null };
  return null;
}

function sourceView(s: OrganizationFactSource): FactSourceView {
  return {
    kind: s.sourceKind,
    name: s.sourceName,
    certificateNumber: s.certificateNumber,
    issuedOn: s.issuedOn,
    validUntil: s.validUntil,
    confirmedBy: s.confirmedBy,
    confirmedAt: s.confirmedAt.toISOString(),
    requestId: s.requestId,
    note: s.note,
  };
}

function toView(o: Organization, sources: OrganizationFactSource[], today: string): OrganizationView {
  const of = (fact: string) => sources.find((s) => s.fact === fact);
  const statuses = Object.fromEntries(
    ORGANIZATION_STATUSES.map((status) => {
      const s = of(status);
      return [status, s ? { value: s.value ?? false, expired: isExpired(s.validUntil, today), source: sourceView(s) } : null];
    }),
  ) as unknown as StatusesView;
  const holds = (status: (typeof ORGANIZATION_STATUSES)[number]) => o[status] && !statuses[status]?.expired;
  const founding = of('founding');
  return {
    id: o.id,
    tenantCode: o.tenant!.code,
    name: o.name,
    type: o.type,
    creditCode: o.creditCode,
    divisionCode: o.divisionCode,
    inProvince: sameProvince(o.divisionCode, o.tenant!.path.split('.')[0]),
    isSme: holds('isSme'),
    isSpecialized: holds('isSpecialized'),
    isHighTech: holds('isHighTech'),
    statuses,
    founding:
      o.foundedOn !== null && o.foundedWithTechEquity !== null && o.paidInCashCapitalFen !== null
        ? {
            foundedOn: o.foundedOn,
            withTechnologyEquity: o.foundedWithTechEquity,
            paidInCashCapitalFen: o.paidInCashCapitalFen,
            source: founding ? sourceView(founding) : null,
          }
        : null,
    contactName: o.contactName,
    contactPhone: o.contactPhone,
  };
}
