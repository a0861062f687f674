import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CatalogCorpus, type CatalogEntryViewed, type CorpusEntry, indexWords, INDUSTRY_FIELDS } from '@techmarket/catalog';
import { AccessService, OrganizationsService, ProblemException } from '@techmarket/core';
import type { OrganizationFacts } from '@techmarket/core/module-api';
import { IsNull, Not, type DataSource } from 'typeorm';
import type { DeclaredProfileDto, ProfileMatchesQuery } from '../dto/profiles.dto.js';
import { MatchNotice, OrganizationProfile, ProfileView } from '../entities/index.js';
import { MatchingEngine, type MatchView } from '../matching.engine.js';
import { demandIpc } from '../query.js';
import {
  EVIDENCE_WEIGHTS,
  type Evidence,
  profileFields,
  profileQuery,
  type ProfileSource,
  profileTerms,
  type ProfileField,
  type ProfileTerm,
} from './profile.js';

/** An organisation's own entries that still speak for it (not withdrawn or archived). */
const LIVE_STATUSES = ['draft', 'submitted', 'returned', 'published'];
/** Views and answered notices read for a profile: the most recent ones. */
const BEHAVIOUR_LIMIT = 200;

export interface Profile {
  organization: {
    id: string;
    name: string;
    type: string;
    tenantCode: string;
    divisionCode: string;
    /** 规模：中小企业 (attested in core) or not. */
    isSme: boolean;
    sizeCategory: string;
    isSpecialized: boolean;
    isHighTech: boolean;
  };
  kind: 'enterprise' | 'institution';
  declared: { fields: string[]; keywords: string[]; products: string[]; updatedAt: Date | null } | null;
  fields: (ProfileField & { label: string })[];
  terms: ProfileTerm[];
  /** The largest budget of its demands (the price factor's yardstick), fen. */
  budgetMaxFen: number | null;
}

/** The zh-CN name of a 行业领域 code. */
export const fieldLabel = (f: string) => INDUSTRY_FIELDS[f as keyof typeof INDUSTRY_FIELDS] ?? f;

/**
 * 企业画像与机构画像: built on read from the declared part (this module's table), the organisation's
 * facts (core: size, location), its entries (the catalog's corpus), its views (recorded from
 * `catalog.entry_viewed`) and its answered notices. Read by the organisation's own users and the
 * staff of its tenant's chain; the declared part is edited by its own users.
 */
@Injectable()
export class ProfilesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(OrganizationsService) private readonly organizations: OrganizationsService,
    @Inject(CatalogCorpus) private readonly corpus: CatalogCorpus,
    @Inject(MatchingEngine) private readonly engine: MatchingEngine,
  ) {}

  /** The organisation if the caller may `action` its profile: 404 unknown, 403 not theirs, 409 no profile for its type. */
  private async organization(id: string, action: 'read' | 'update'): Promise<OrganizationFacts> {
    const org = (await this.organizations.facts([id])).get(id);
    if (!org) throw ProblemException.notFound('Profile');
    this.access.assert(action, 'Profile', { tenantId: org.tenantId, organizationId: org.id });
    if (org.type !== 'enterprise' && org.type !== 'university_institute') throw new ProblemException('PROFILE_NOT_APPLICABLE');
    return org;
  }

  async get(id: string): Promise<Profile> {
    return this.build(await this.organization(id, 'read'));
  }

  /** Replaces the declared part (all fields given; nothing half-written: one row, one statement). */
  async declare(id: string, dto: DeclaredProfileDto): Promise<Profile> {
    const org = await this.organization(id, 'update');
    if (org.type !== 'enterprise') throw new ProblemException('PROFILE_NOT_APPLICABLE');
    const dedupe = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];
    await this.ds.transaction(async (em) => {
      const repo = em.getRepository(OrganizationProfile);
      const row =
        (await repo.findOne({ where: { organizationId: org.id }, lock: { mode: 'pessimistic_write' } })) ??
        repo.create({ organizationId: org.id, tenantId: org.tenantId });
      Object.assign(row, {
        fields: dedupe(dto.fields),
        keywords: dedupe(dto.keywords),
        products: dedupe(dto.products),
        updatedBy: this.access.principal().userId,
      });
      await repo.save(row);
    });
    return this.build(org);
  }

  /** Achievements, open-licence patents or experts for an enterprise's profile, explained like a demand's matches. */
  async matches(id: string, q: ProfileMatchesQuery) {
    const org = await this.organization(id, 'read');
    if (org.type !== 'enterprise') throw new ProblemException('PROFILE_NOT_APPLICABLE');
    const profile = await this.build(org);
    const kind = q.kind ?? 'achievement';
    const items = await this.rank(profile, kind, await this.engine.weights(), q.limit ?? 20);
    return { organization: { id: org.id, name: org.name }, kind, terms: profile.terms.length, items };
  }

  /** The engine on the profile as a query (the benchmark calls this too). */
  async rank(
    profile: Profile,
    kind: 'achievement' | 'patent' | 'expert',
    w: Awaited<ReturnType<MatchingEngine['weights']>>,
    keep: number,
  ): Promise<MatchView[]> {
    if (!profile.terms.length && !profile.fields.length) return [];
    const matches = await this.engine.rankForQuery(
      {
        ...profileQuery(profile.terms),
        fields: profile.fields.map((f) => f.field),
        ipc: demandIpc(profile.fields.map((f) => f.field)),
        budgetMinFen: null,
        budgetMaxFen: profile.budgetMaxFen,
        divisionCode: profile.organization.divisionCode,
        excludeOrganizationId: profile.organization.id,
      },
      kind,
      w,
      // Patents: only those under an open licence (开放许可) are offered; rank more to keep enough.
      kind === 'patent' ? keep * 5 : keep,
    );
    const kept =
      kind === 'patent' ? matches.filter((m) => m.explanation.factors.some((f) => f.factor === 'licence' && (f.value ?? 0) > 0)) : matches;
    return kept.slice(0, keep).map((m, i) => ({ ...m, rank: i + 1 }));
  }

  /** Records a view (once per organisation and entry; later views move `lastViewedAt`). */
  async recordView(e: CatalogEntryViewed): Promise<void> {
    await this.ds.query(
      `INSERT INTO profile_view (tenant_id, organization_id, entry_kind, entry_id, entry_title, entry_fields, first_viewed_at, last_viewed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
       ON CONFLICT (organization_id, entry_id) DO UPDATE SET last_viewed_at = GREATEST(profile_view.last_viewed_at, EXCLUDED.last_viewed_at)`,
      [e.viewer.tenantId, e.viewer.organizationId, e.kind, e.entry.id, e.entry.title.slice(0, 200), e.entry.fields, e.viewedAt],
    );
  }

  /** The 行业领域 enterprises declared in their profiles, for many at once (other modules' segments read them here). */
  async declaredFields(organizationIds: string[]): Promise<Map<string, string[]>> {
    if (!organizationIds.length) return new Map();
    const rows: { organization_id: string; fields: string[] }[] = await this.ds.query(
      `SELECT organization_id, fields FROM organization_profile WHERE organization_id = ANY($1::uuid[])`,
      [organizationIds],
    );
    return new Map(rows.map((r) => [r.organization_id, r.fields]));
  }

  async build(org: OrganizationFacts): Promise<Profile> {
    const evidence: Evidence[] = [];
    const named: { field: string; source: ProfileSource }[] = [];
    const ref = (e: CorpusEntry) => ({ kind: e.kind, id: e.id, title: e.title });
    let declared: Profile['declared'] = null;
    let budgetMaxFen: number | null = null;

    if (org.type === 'enterprise') {
      const row = await this.ds.getRepository(OrganizationProfile).findOne({ where: { organizationId: org.id } });
      declared = {
        fields: row?.fields ?? [],
        keywords: row?.keywords ?? [],
        products: row?.products ?? [],
        updatedAt: row?.updatedAt ?? null,
      };
      for (const f of declared.fields) named.push({ field: f, source: 'declared' });
      for (const k of declared.keywords) evidence.push({ source: 'declared', text: k, weight: EVIDENCE_WEIGHTS.keyword });
      for (const p of declared.products) evidence.push({ source: 'declared', text: p, weight: EVIDENCE_WEIGHTS.product });

      for (const d of await this.corpus.ofOrganization('demand', org.id, LIVE_STATUSES)) {
        evidence.push({ source: 'demand', ref: ref(d), text: d.title, weight: EVIDENCE_WEIGHTS.title });
        evidence.push({ source: 'demand', ref: ref(d), text: d.body, weight: EVIDENCE_WEIGHTS.body });
        for (const f of d.fields) named.push({ field: f, source: 'demand' });
        if (d.budgetMaxFen !== null) budgetMaxFen = Math.max(budgetMaxFen ?? 0, d.budgetMaxFen);
      }

      // Views of entries still published (a withdrawn entry's title is not shown again).
      const views = await this.ds
        .getRepository(ProfileView)
        .find({ where: { organizationId: org.id }, order: { lastViewedAt: 'DESC' }, take: BEHAVIOUR_LIMIT });
      const live = new Set<string>();
      for (const kind of ['achievement', 'patent', 'expert', 'demand'] as const)
        for (const x of await this.corpus.publishedIds(
          kind,
          views.filter((v) => v.entryKind === kind).map((v) => v.entryId),
        ))
          live.add(x);
      for (const v of views.filter((x) => live.has(x.entryId))) {
        const r = { kind: v.entryKind, id: v.entryId, title: v.entryTitle };
        evidence.push({ source: 'viewed', ref: r, text: v.entryTitle, weight: EVIDENCE_WEIGHTS.viewedTitle });
        for (const f of v.entryFields) named.push({ field: f, source: 'viewed' });
      }

      const answered = await this.ds.getRepository(MatchNotice).find({
        where: { recipientOrganizationId: org.id, interestedAt: Not(IsNull()) },
        order: { interestedAt: 'DESC' },
        take: BEHAVIOUR_LIMIT,
      });
      for (const n of answered)
        evidence.push({
          source: 'interest',
          ref: { kind: 'demand', id: n.demandId, title: n.demandTitle },
          text: n.demandTitle,
          weight: EVIDENCE_WEIGHTS.interestTitle,
        });
    } else {
      for (const kind of ['achievement', 'patent', 'expert'] as const)
        for (const e of await this.corpus.ofOrganization(kind, org.id, LIVE_STATUSES)) {
          evidence.push({ source: kind, ref: ref(e), text: e.title, weight: EVIDENCE_WEIGHTS.title });
          evidence.push({ source: kind, ref: ref(e), text: e.body, weight: EVIDENCE_WEIGHTS.body });
          for (const f of e.fields) named.push({ field: f, source: kind });
        }
    }

    return {
      organization: {
        id: org.id,
        name: org.name,
        type: org.type,
        tenantCode: org.tenantCode,
        divisionCode: org.divisionCode,
        isSme: org.isSme,
        sizeCategory: org.isSme ? '中小企业' : '非中小企业（或未认定）',
        isSpecialized: org.isSpecialized,
        isHighTech: org.isHighTech,
      },
      kind: org.type === 'enterprise' ? 'enterprise' : 'institution',
      declared,
      fields: profileFields(named).map((f) => ({ ...f, label: fieldLabel(f.field) })),
      terms: profileTerms(evidence, indexWords),
      budgetMaxFen,
    };
  }
}
