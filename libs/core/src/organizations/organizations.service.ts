import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { decodeCursor, type Page, toPage } from '../http/pagination.js';
import { ProblemException } from '../http/problem.exception.js';
import { AccessService } from '../iam/access.service.js';
import { whereInSubtree } from '../tenancy/subtree-filter.js';
import { TenancyService } from '../tenancy/tenancy.service.js';
import { Tenant } from '../tenancy/tenant.entity.js';
import type { CreateOrganization, ListOrganizationsQuery, OrganizationView, UpdateOrganization } from './dto/organization.dto.js';
import type { OrganizationFacts } from './organization-facts.js';
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
    const rows: (Omit<OrganizationFacts, 'tenantPath' | 'inProvince'> & { path: string })[] = await em.query(
      `SELECT o.id, o.name, o.type, o.is_sme AS "isSme", o.is_specialized AS "isSpecialized", o.is_high_tech AS "isHighTech",
              o.tenant_id AS "tenantId", t.code AS "tenantCode", t.path::text AS path
         FROM organization o JOIN tenant t ON t.id = o.tenant_id WHERE ${where} ORDER BY t.path, o.name`,
      params,
    );
    // Every tenant of the tree is in the province the platform serves.
    return rows.map(({ path, ...o }) => ({ ...o, tenantPath: path.split('.'), inProvince: true }));
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
    return toPage(rows.map(toView), limit, (o) => [o.name, o.id]);
  }

  async get(id: string): Promise<OrganizationView> {
    return toView(await this.findReadable(id));
  }

  async create(dto: CreateOrganization): Promise<OrganizationView> {
    const tenant = await this.tenancy.findReadable(dto.tenantCode).catch(() => {
      throw ProblemException.invalidField('tenantCode', 'isTenantCode');
    });
    const { tenantCode: _, ...fields } = dto;
    this.access.assert('create', 'Organization', { ...fields, tenantId: tenant.id });
    const saved = await this.orgs.save(this.orgs.create({ ...fields, tenantId: tenant.id }));
    return toView({ ...saved, tenant });
  }

  async update(id: string, patch: UpdateOrganization): Promise<OrganizationView> {
    const org = await this.findReadable(id);
    this.access.assert('update', 'Organization', org, Object.keys(patch));
    const { tenant, ...row } = org;
    const saved = await this.orgs.save(Object.assign(this.orgs.create(row), patch));
    return toView({ ...saved, tenant });
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

function toView(o: Organization): OrganizationView {
  return {
    id: o.id,
    tenantCode: o.tenant!.code,
    name: o.name,
    type: o.type,
    creditCode: o.creditCode,
    isSme: o.isSme,
    isSpecialized: o.isSpecialized,
    isHighTech: o.isHighTech,
    contactName: o.contactName,
    contactPhone: o.contactPhone,
  };
}
