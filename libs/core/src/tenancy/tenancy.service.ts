import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { decodeCursor, type Page, toPage } from '../http/pagination.js';
import { ProblemException } from '../http/problem.exception.js';
import { AccessService } from '../iam/access.service.js';
import type { CreateTenant, ListTenantsQuery, TenantTreeNode, TenantView, UpdateTenantSettings } from './dto/tenant.dto.js';
import { Tenant, type TenantTier } from './tenant.entity.js';

const CHILD_TIER: Record<TenantTier, TenantTier | null> = { province: 'city', city: 'county', county: null };

/** The tenant tree (租户树): reads scoped by the caller's ability, settings, non-administrative nodes. */
@Injectable()
export class TenancyService {
  constructor(
    @InjectRepository(Tenant) private readonly tenants: Repository<Tenant>,
    @Inject(AccessService) private readonly access: AccessService,
  ) {}

  async list(q: ListTenantsQuery): Promise<Page<TenantView>> {
    const limit = q.limit ?? 50;
    const qb = this.tenants.createQueryBuilder('t').leftJoin(Tenant, 'p', 'p.id = t.parent_id').addSelect('p.code', 'parent_code');
    this.access.scope(qb, 'read', 'Tenant');
    if (q.tier) qb.andWhere('t.tier = :tier', { tier: q.tier });
    if (q.parentCode) qb.andWhere('p.code = :parentCode', { parentCode: q.parentCode });
    if (q.cursor) qb.andWhere('t.code > :after', { after: decodeCursor(q.cursor, 1)[0] });
    const { entities, raw } = await qb
      .orderBy('t.code', 'ASC')
      .limit(limit + 1)
      .getRawAndEntities<{ parent_code: string | null }>();
    const views = entities.map((t, i) => toView(t, raw[i]?.parent_code ?? null));
    return toPage(views, limit, (v) => [v.code]);
  }

  /** The visible part of the tree, nested: the caller's own tenant is the root. */
  async tree(): Promise<TenantTreeNode[]> {
    const qb = this.tenants.createQueryBuilder('t').leftJoin(Tenant, 'p', 'p.id = t.parent_id').addSelect('p.code', 'parent_code');
    this.access.scope(qb, 'read', 'Tenant');
    const { entities, raw } = await qb.orderBy('t.path', 'ASC').getRawAndEntities<{ parent_code: string | null }>();
    const nodes = new Map<string, TenantTreeNode>();
    entities.forEach((t, i) => nodes.set(t.code, { ...toView(t, raw[i]?.parent_code ?? null), children: [] }));
    const roots: TenantTreeNode[] = [];
    for (const node of nodes.values()) {
      const parent = node.parentCode ? nodes.get(node.parentCode) : undefined;
      if (parent) parent.children.push(node);
      else roots.push(node);
    }
    return roots;
  }

  async get(code: string): Promise<TenantView> {
    const t = await this.findReadable(code);
    return toView(t, await this.parentCode(t));
  }

  async updateSettings(code: string, patch: UpdateTenantSettings): Promise<TenantView> {
    const t = await this.findReadable(code);
    this.access.assert('update', 'Tenant', t);
    Object.assign(t, patch);
    const saved = await this.tenants.save(t);
    return toView(saved, await this.parentCode(saved));
  }

  async create(dto: CreateTenant): Promise<TenantView> {
    const parent = await this.findReadable(dto.parentCode).catch(() => {
      throw ProblemException.invalidField('parentCode', 'isTenantCode');
    });
    const tier = CHILD_TIER[parent.tier];
    if (!tier) throw ProblemException.invalidField('parentCode', 'isTenantCode');
    if (dto.code.slice(0, 2) !== parent.code.slice(0, 2)) throw ProblemException.invalidField('code', 'isTenantCode');
    this.access.assert('create', 'Tenant', { parentId: parent.id, kind: 'non_administrative', tier });
    return this.tenants.manager.transaction(async (em) => {
      const t = em.create(Tenant, {
        code: dto.code,
        name: dto.name,
        tier,
        kind: 'non_administrative',
        parentId: parent.id,
        path: `${parent.path}.${dto.code}`,
        subMarketOpen: false,
      });
      const saved = await em.save(t);
      return toView(saved, parent.code);
    });
  }

  async remove(code: string): Promise<void> {
    const t = await this.findReadable(code);
    this.access.assert('delete', 'Tenant', t);
    // Children, organisations and users reference the tenant with RESTRICT: a tenant that
    // holds anything cannot be deleted (409), nothing is cascaded away. Its audit history
    // moves to the parent, which keeps seeing it.
    await this.tenants.manager.transaction(async (em) => {
      await em.query(`UPDATE audit_log SET tenant_id = $1 WHERE tenant_id = $2`, [t.parentId, t.id]);
      await em.remove(t);
    });
  }

  /** Finds a tenant the caller may read; anything else is 404 so codes outside the subtree leak nothing. */
  async findReadable(code: string): Promise<Tenant> {
    const qb = this.tenants.createQueryBuilder('t').where('t.code = :code', { code });
    const t = await this.access.scope(qb, 'read', 'Tenant').getOne();
    if (!t) throw ProblemException.notFound('Tenant');
    return t;
  }

  private async parentCode(t: Tenant): Promise<string | null> {
    if (!t.parentId) return null;
    const parent = await this.tenants.findOne({ where: { id: t.parentId }, select: { code: true } });
    return parent?.code ?? null;
  }
}

export function toView(t: Tenant, parentCode: string | null): TenantView {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    tier: t.tier,
    kind: t.kind,
    parentCode,
    displayName: t.displayName,
    contactName: t.contactName,
    contactPhone: t.contactPhone,
    contactEmail: t.contactEmail,
    subMarketOpen: t.subMarketOpen,
    version: t.version,
  };
}
