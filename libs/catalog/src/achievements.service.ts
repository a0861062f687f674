import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessService, ProblemException } from '@techmarket/core';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { CatalogService, type SearchRequest } from './catalog.service.js';
import { MATURITY_TRL } from './catalog.constants.js';
import type { CreateAchievement, SearchAchievementsQuery, UpdateAchievement } from './dto/achievement.dto.js';
import { Achievement, Patent } from './entities/index.js';
import { OwnerResolver } from './owner.js';
import { TAG } from './search/search-document.js';

/** 科技成果: create, edit while a draft, link patents, search. */
@Injectable()
export class AchievementsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(CatalogService) private readonly catalog: CatalogService,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(OwnerResolver) private readonly owners: OwnerResolver,
  ) {}

  search(q: SearchAchievementsQuery) {
    return this.catalog.search('achievement', achievementCriteria(q));
  }

  get(id: string) {
    return this.catalog.view('achievement', id).then(async (view) => ({ ...view, patents: await this.linkedPatents(id) }));
  }

  async create(dto: CreateAchievement) {
    const owner = await this.owners.resolve(dto.organizationId);
    this.access.assert('create', 'Achievement', { organizationId: owner.organizationId, tenantId: owner.tenantId });
    checkPrice(dto.priceFen, dto.priceNegotiable);
    checkTrl(dto.maturity, dto.trl);
    const { patentIds, ...fields } = dto;
    const id = await this.ds
      .transaction(async (em) => {
        const saved = await em.save(
          em.create(Achievement, {
            ...fields,
            keywords: fields.keywords ?? [],
            organizationId: owner.organizationId,
            tenantId: owner.tenantId,
            status: 'draft',
            createdBy: this.access.principal().userId,
          }),
        );
        await this.linkPatents(em, saved, patentIds ?? []);
        return saved.id;
      })
      .catch(conflictOnExternalId);
    return this.get(id);
  }

  async update(id: string, patch: UpdateAchievement) {
    await this.ds
      .transaction(async (em) => {
        const row = await this.catalog.findReadable<Achievement>('achievement', id, em);
        this.access.assert(
          'update',
          'Achievement',
          row,
          Object.keys(patch).filter((k) => k !== 'patentIds'),
        );
        const { patentIds, ...fields } = patch;
        const next = Object.assign(row, fields);
        checkPrice(next.priceFen ?? undefined, next.priceNegotiable);
        checkTrl(next.maturity, next.trl ?? undefined);
        await em.save(next);
        await this.linkPatents(em, next, patentIds);
      })
      .catch(conflictOnExternalId);
    return this.get(id);
  }

  async remove(id: string) {
    await this.ds.transaction(async (em) => {
      const row = await this.catalog.findReadable<Achievement>('achievement', id, em);
      this.access.assert('delete', 'Achievement', row);
      await em.query('DELETE FROM achievement_patent WHERE achievement_id = $1', [id]);
      await em.remove(row);
    });
  }

  /** Replaces the linked patents (when given), refreshes the open-licence flags and the search document. */
  private async linkPatents(em: EntityManager, row: Achievement, patentIds: string[] | undefined): Promise<void> {
    if (patentIds) {
      const readable = patentIds.length
        ? await this.access
            .scope(
              em
                .getRepository(Patent)
                .createQueryBuilder('a')
                .where({ id: In(patentIds) }),
              'read',
              'Patent',
            )
            .getMany()
        : [];
      if (readable.length !== patentIds.length) throw ProblemException.invalidField('patentIds', 'unknownReference');
      await em.query('DELETE FROM achievement_patent WHERE achievement_id = $1', [row.id]);
      await em.query('INSERT INTO achievement_patent (achievement_id, patent_id) SELECT $1, unnest($2::uuid[])', [row.id, patentIds]);
    }
    await refreshAchievementLicenceFlags(em, [row.id]);
    await this.catalog.reindex(em, 'achievement', [row.id]);
  }

  private async linkedPatents(id: string) {
    return this.ds.query(
      `SELECT p.id, p.application_number AS "applicationNumber", p.title, p.patent_type AS "patentType",
              p.open_licence AS "openLicence", p.free_licence AS "freeLicence"
         FROM achievement_patent ap JOIN patent p ON p.id = ap.patent_id WHERE ap.achievement_id = $1 ORDER BY p.application_number`,
      [id],
    );
  }
}

/** hasOpenLicence / hasFreeLicence of achievements follow their patents' declarations. */
export async function refreshAchievementLicenceFlags(em: EntityManager, achievementIds: string[]): Promise<void> {
  await em.query(
    `UPDATE achievement a SET
        has_open_licence = EXISTS (SELECT 1 FROM achievement_patent ap JOIN patent p ON p.id = ap.patent_id
                                    WHERE ap.achievement_id = a.id AND p.open_licence),
        has_free_licence = EXISTS (SELECT 1 FROM achievement_patent ap JOIN patent p ON p.id = ap.patent_id
                                    WHERE ap.achievement_id = a.id AND p.free_licence)
      WHERE a.id = ANY($1::uuid[])`,
    [achievementIds],
  );
}

export function achievementCriteria(q: SearchAchievementsQuery): SearchRequest {
  const modes = q.transferMode === undefined ? [] : Array.isArray(q.transferMode) ? q.transferMode : [q.transferMode];
  return {
    q: q.q,
    tags: [
      ...(q.field ? [TAG.field(q.field)] : []),
      ...(q.tenantCode ? [TAG.tenant(q.tenantCode)] : []),
      ...(q.maturity ? [TAG.maturity(q.maturity)] : []),
      ...(q.openLicence ? [TAG.openLicence] : []),
      ...(q.freeLicence ? [TAG.freeLicence] : []),
    ],
    anyTags: [modes.map(TAG.transferMode)],
    status: q.status ?? 'published',
    organizationId: q.organizationId,
    priceMin: q.priceMinFen,
    priceMax: q.priceMaxFen,
    sort: q.sort ?? 'relevance',
    limit: q.limit ?? 20,
    cursor: q.cursor,
  };
}

/** The achievement rules beyond single fields (shared by the API and the import). */
export function checkAchievement(a: {
  priceFen?: number | null;
  priceNegotiable?: boolean;
  maturity: keyof typeof MATURITY_TRL;
  trl?: number | null;
}) {
  checkPrice(a.priceFen, a.priceNegotiable);
  checkTrl(a.maturity, a.trl);
}

function checkPrice(priceFen: number | undefined | null, negotiable: boolean | undefined) {
  if ((priceFen === undefined || priceFen === null) && !negotiable)
    throw ProblemException.invalidField('priceFen', 'requiredWhen', ['未选择面议']);
}

function checkTrl(maturity: keyof typeof MATURITY_TRL, trl: number | undefined | null) {
  if (trl === undefined || trl === null) return;
  const [lo, hi] = MATURITY_TRL[maturity];
  if (trl < lo || trl > hi) throw ProblemException.invalidField('trl', 'trlRange', [lo, hi]);
}

/** The unique (organisation, external id) index: a clear 409 instead of a 500. */
export function conflictOnExternalId(e: unknown): never {
  const err = e as { code?: string; constraint?: string };
  if (err.code === '23505' && err.constraint?.endsWith('external_id_uq')) {
    throw new ProblemException('EXTERNAL_ID_TAKEN');
  }
  throw e;
}
