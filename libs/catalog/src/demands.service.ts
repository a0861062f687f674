import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessService, ProblemException } from '@techmarket/core';
import type { DataSource } from 'typeorm';
import { conflictOnExternalId } from './achievements.service.js';
import { CatalogService, type SearchRequest } from './catalog.service.js';
import type { CreateDemand, SearchDemandsQuery, UpdateDemand } from './dto/demand.dto.js';
import { Demand } from './entities/index.js';
import { OwnerResolver } from './owner.js';
import { TAG } from './search/search-document.js';

/** 企业技术需求; a county centre posts on behalf of a local enterprise by naming it. */
@Injectable()
export class DemandsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(CatalogService) private readonly catalog: CatalogService,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(OwnerResolver) private readonly owners: OwnerResolver,
  ) {}

  search(q: SearchDemandsQuery) {
    return this.catalog.search('demand', this.criteria(q));
  }

  criteria(q: SearchDemandsQuery): SearchRequest {
    return {
      q: q.q,
      tags: [
        ...(q.field ? [TAG.field(q.field)] : []),
        ...(q.tenantCode ? [TAG.tenant(q.tenantCode)] : []),
        ...(q.openCall ? [TAG.openCall] : []),
      ],
      anyTags: [],
      status: q.status ?? 'published',
      organizationId: q.organizationId,
      priceMin: q.priceMinFen,
      priceMax: q.priceMaxFen,
      sort: q.sort ?? 'relevance',
      limit: q.limit ?? 20,
      cursor: q.cursor,
    };
  }

  get(id: string) {
    return this.catalog.view('demand', id);
  }

  async create(dto: CreateDemand) {
    const owner = await this.owners.resolve(dto.organizationId, 'organizationId', 'enterprise');
    this.access.assert('create', 'Demand', { organizationId: owner.organizationId, tenantId: owner.tenantId });
    checkDemand(dto);
    const id = await this.ds
      .transaction(async (em) => {
        const saved = await em.save(
          em.create(Demand, {
            ...dto,
            organizationId: owner.organizationId,
            tenantId: owner.tenantId,
            status: 'draft',
            createdBy: this.access.principal().userId,
          }),
        );
        await this.catalog.reindex(em, 'demand', [saved.id]);
        return saved.id;
      })
      .catch(conflictOnExternalId);
    return this.get(id);
  }

  async update(id: string, patch: UpdateDemand) {
    await this.ds
      .transaction(async (em) => {
        const row = await this.catalog.findReadable<Demand>('demand', id, em);
        this.access.assert('update', 'Demand', row, Object.keys(patch));
        const next = Object.assign(row, patch);
        checkDemand(next);
        await em.save(next);
        await this.catalog.reindex(em, 'demand', [id]);
      })
      .catch(conflictOnExternalId);
    return this.get(id);
  }

  async remove(id: string) {
    await this.ds.transaction(async (em) => {
      const row = await this.catalog.findReadable<Demand>('demand', id, em);
      this.access.assert('delete', 'Demand', row);
      await em.remove(row);
    });
  }
}

export function checkDemand(d: {
  budgetMinFen?: number | null;
  budgetMaxFen?: number | null;
  isOpenCall?: boolean;
  rewardFen?: number | null;
}) {
  if (d.budgetMinFen != null && d.budgetMaxFen != null && d.budgetMinFen > d.budgetMaxFen) {
    throw ProblemException.invalidField('budgetMinFen', 'rangeOrder');
  }
  if (d.isOpenCall && d.rewardFen == null) throw ProblemException.invalidField('rewardFen', 'requiredWhen', ['揭榜挂帅']);
}
