import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessService, ProblemException, TenancyService } from '@techmarket/core';
import type { DataSource } from 'typeorm';
import { CatalogService, type SearchRequest } from './catalog.service.js';
import type { CreateExpert, SearchExpertsQuery, UpdateExpert } from './dto/expert.dto.js';
import { Expert } from './entities/index.js';
import { OwnerResolver } from './owner.js';
import { TAG } from './search/search-document.js';

/** 专家库: an expert keeps their own entry, or tier staff enter it for them. */
@Injectable()
export class ExpertsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(CatalogService) private readonly catalog: CatalogService,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(OwnerResolver) private readonly owners: OwnerResolver,
    @Inject(TenancyService) private readonly tenancy: TenancyService,
  ) {}

  search(q: SearchExpertsQuery) {
    return this.catalog.search('expert', this.criteria(q));
  }

  criteria(q: SearchExpertsQuery): SearchRequest {
    return {
      q: q.q,
      tags: [
        ...(q.field ? [TAG.field(q.field)] : []),
        ...(q.tenantCode ? [TAG.tenant(q.tenantCode)] : []),
        ...(q.availability ? [TAG.availability(q.availability)] : []),
      ],
      anyTags: [],
      status: q.status ?? 'published',
      sort: q.sort ?? 'relevance',
      limit: q.limit ?? 20,
      cursor: q.cursor,
    };
  }

  get(id: string) {
    return this.catalog.view('expert', id);
  }

  async create(dto: CreateExpert) {
    const p = this.access.principal();
    const owner = dto.organizationId ? await this.owners.resolve(dto.organizationId) : null;
    const tenant = dto.tenantCode
      ? await this.tenancy.findReadable(dto.tenantCode).catch(() => {
          throw ProblemException.invalidField('tenantCode', 'notInSubtree');
        })
      : null;
    const tenantId = tenant?.id ?? owner?.tenantId ?? p.tenantId;
    // An expert creating an entry creates their own profile; staff create entries for others.
    const userId = p.roles.includes('expert') && !this.access.can('create', 'Expert', { tenantId }) ? p.userId : null;
    const record = { tenantId, userId, organizationId: owner?.organizationId ?? null };
    this.access.assert('create', 'Expert', record);
    const { tenantCode: _, ...fields } = dto;
    const id = await this.ds.transaction(async (em) => {
      const saved = await em.save(em.create(Expert, { ...fields, ...record, bio: fields.bio ?? '', status: 'draft', createdBy: p.userId }));
      await this.catalog.reindex(em, 'expert', [saved.id]);
      return saved.id;
    });
    return this.get(id);
  }

  async update(id: string, patch: UpdateExpert) {
    await this.ds.transaction(async (em) => {
      const row = await this.catalog.findReadable<Expert>('expert', id, em);
      this.access.assert('update', 'Expert', row, Object.keys(patch));
      await em.save(Object.assign(row, patch));
      await this.catalog.reindex(em, 'expert', [id]);
    });
    return this.get(id);
  }

  async remove(id: string) {
    await this.ds.transaction(async (em) => {
      const row = await this.catalog.findReadable<Expert>('expert', id, em);
      this.access.assert('delete', 'Expert', row);
      await em.remove(row);
    });
  }
}
