import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessService, ProblemException } from '@techmarket/core';
import type { DataSource, EntityManager } from 'typeorm';
import { refreshAchievementLicenceFlags } from './achievements.service.js';
import { CatalogService, type SearchRequest } from './catalog.service.js';
import type { CreatePatent, DeclareOpenLicence, SearchPatentsQuery, UpdatePatent } from './dto/patent.dto.js';
import { OpenLicence, Patent } from './entities/index.js';
import { OwnerResolver } from './owner.js';
import { parsePatentNumber } from './patent-number.js';
import { tag, TAG } from './search/search-document.js';

/** 专利 and their 开放许可 declarations. */
@Injectable()
export class PatentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(CatalogService) private readonly catalog: CatalogService,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(OwnerResolver) private readonly owners: OwnerResolver,
  ) {}

  search(q: SearchPatentsQuery) {
    return this.catalog.search('patent', this.criteria(q));
  }

  criteria(q: SearchPatentsQuery): SearchRequest {
    return {
      q: q.q,
      tags: [
        ...(q.field ? [TAG.field(q.field)] : []),
        ...(q.tenantCode ? [TAG.tenant(q.tenantCode)] : []),
        ...(q.patentType ? [TAG.patentType(q.patentType)] : []),
        ...(q.ipc ? [tag('i', q.ipc)] : []),
        ...(q.openLicence ? [TAG.openLicence] : []),
        ...(q.freeLicence ? [TAG.freeLicence] : []),
      ],
      anyTags: [],
      status: q.status ?? 'published',
      organizationId: q.organizationId,
      sort: q.sort ?? 'relevance',
      limit: q.limit ?? 20,
      cursor: q.cursor,
    };
  }

  async get(id: string) {
    const view = await this.catalog.view('patent', id);
    return { ...view, openLicences: await this.licences(id) };
  }

  async create(dto: CreatePatent) {
    const parsed = parsePatentNumber(dto.applicationNumber)!;
    if (parsed.type !== dto.patentType) throw ProblemException.invalidField('patentType', 'patentTypeMismatch');
    const owner = await this.owners.resolve(dto.organizationId);
    this.access.assert('create', 'Patent', { organizationId: owner.organizationId, tenantId: owner.tenantId });
    const id = await this.ds
      .transaction(async (em) => {
        const saved = await em.save(
          em.create(Patent, {
            ...dto,
            applicationNumber: parsed.normalized,
            abstract: dto.abstract ?? '',
            ipcClasses: dto.ipcClasses ?? [],
            field: dto.field ?? null,
            organizationId: owner.organizationId,
            tenantId: owner.tenantId,
            status: 'draft',
            createdBy: this.access.principal().userId,
          }),
        );
        await this.catalog.reindex(em, 'patent', [saved.id]);
        return saved.id;
      })
      .catch((e: { code?: string }) => {
        if (e.code === '23505') throw new ProblemException('PATENT_NUMBER_TAKEN', { number: parsed.normalized });
        throw e;
      });
    return this.get(id);
  }

  async update(id: string, patch: UpdatePatent) {
    await this.ds.transaction(async (em) => {
      const row = await this.catalog.findReadable<Patent>('patent', id, em);
      this.access.assert('update', 'Patent', row, Object.keys(patch));
      if (patch.patentType && parsePatentNumber(row.applicationNumber)!.type !== patch.patentType) {
        throw ProblemException.invalidField('patentType', 'patentTypeMismatch');
      }
      await em.save(Object.assign(row, patch));
      await this.catalog.reindex(em, 'patent', [id]);
    });
    return this.get(id);
  }

  async remove(id: string) {
    await this.ds.transaction(async (em) => {
      const row = await this.catalog.findReadable<Patent>('patent', id, em);
      this.access.assert('delete', 'Patent', row);
      const [{ n }] = await em.query('SELECT count(*)::int AS n FROM achievement_patent WHERE patent_id = $1', [id]);
      if (n > 0) throw new ProblemException('PATENT_LINKED');
      await em.remove(row);
    });
  }

  licences(patentId: string) {
    return this.ds.getRepository(OpenLicence).find({ where: { patentId }, order: { declaredAt: 'DESC' } });
  }

  /** 声明开放许可: one declaration in force at a time; the patent and its achievements become findable by it. */
  async declare(patentId: string, dto: DeclareOpenLicence) {
    checkLicence(dto);
    await this.ds.transaction(async (em) => {
      const patent = await this.catalog.findReadable<Patent>('patent', patentId, em);
      this.access.assert('license', 'Patent', patent);
      if (patent.legalStatus === 'lapsed') throw new ProblemException('PATENT_LAPSED');
      const current = await em.findOneBy(OpenLicence, { patentId, status: 'declared' });
      if (current) throw new ProblemException('OPEN_LICENCE_IN_FORCE');
      await em.save(
        em.create(OpenLicence, {
          ...dto,
          feeFen: dto.feeFen ?? null,
          royaltyBasisPoints: dto.royaltyBasisPoints ?? null,
          isFree: dto.isFree ?? false,
          useFirstPayLater: dto.useFirstPayLater ?? false,
          patentId,
          tenantId: patent.tenantId,
          status: 'declared',
          declaredBy: this.access.principal().userId,
        }),
      );
      await this.applyLicence(em, patent, true, dto.isFree ?? false);
    });
    return this.get(patentId);
  }

  /** 撤回开放许可: the declaration stays in the history with when and why. */
  async withdrawLicence(patentId: string, licenceId: string, reason: string) {
    await this.ds.transaction(async (em) => {
      const patent = await this.catalog.findReadable<Patent>('patent', patentId, em);
      this.access.assert('license', 'Patent', patent);
      const licence = await em.findOneBy(OpenLicence, { id: licenceId, patentId });
      if (!licence) throw ProblemException.notFound('OpenLicence');
      if (licence.status !== 'declared') throw new ProblemException('OPEN_LICENCE_WITHDRAWN');
      await em.save(Object.assign(licence, { status: 'withdrawn', withdrawnAt: new Date(), withdrawReason: reason }));
      await this.applyLicence(em, patent, false, false);
    });
    return this.get(patentId);
  }

  private async applyLicence(em: EntityManager, patent: Patent, open: boolean, free: boolean) {
    await em.save(Object.assign(patent, { openLicence: open, freeLicence: free }));
    const linked: { id: string }[] = await em.query('SELECT achievement_id AS id FROM achievement_patent WHERE patent_id = $1', [
      patent.id,
    ]);
    const ids = linked.map((r) => r.id);
    await refreshAchievementLicenceFlags(em, ids);
    await this.catalog.reindex(em, 'patent', [patent.id]);
    await this.catalog.reindex(em, 'achievement', ids);
  }
}

function checkLicence(d: DeclareOpenLicence) {
  if (d.periodEnd <= d.periodStart) throw ProblemException.invalidField('periodEnd', 'rangeOrder');
  if (d.isFree) {
    if (d.feeFen || d.royaltyBasisPoints)
      throw ProblemException.invalidField(d.feeFen ? 'feeFen' : 'royaltyBasisPoints', 'notAllowedWhen', ['免费许可']);
    return;
  }
  if (d.feeType === 'royalty' && d.royaltyBasisPoints == null)
    throw ProblemException.invalidField('royaltyBasisPoints', 'requiredWhen', ['提成支付']);
  if (d.feeType !== 'royalty' && d.feeFen == null)
    throw ProblemException.invalidField('feeFen', 'requiredWhen', [d.feeType === 'annual' ? '按年支付' : '一次性支付']);
}
