import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AccessService,
  accessCondition,
  chinaDate,
  decodeCursor,
  DomainEvents,
  encodeCursor,
  OrganizationsService,
  ProblemException,
  RedisStore,
} from '@techmarket/core';
import type { DataSource, EntityManager } from 'typeorm';
import { CATALOG_KINDS, type CatalogKind, type CatalogKindName } from './catalog-kinds.js';
import { ENTRY_STATUS_LABELS } from './catalog.constants.js';
import type { CatalogDemandPublished, CatalogEntryPublished, CatalogEntryViewed } from './catalog.events.js';
import type { CatalogEntryBase } from './entities/catalog-entry.base.js';
import { highlight } from './search/highlight.js';
import { searchDocSql } from './search/search-document.js';
import { buildSearch, COUNT_CAP, type SearchCriteria } from './search/search-query.js';
import { nextStatus, type Transition, TRANSITIONS } from './workflow.js';

export const FACET_TTL_SECONDS = 120;

export type SearchRequest = Omit<SearchCriteria, 'access' | 'after'> & { cursor?: string };

export interface SearchResult<T> {
  items: (T & { highlight?: { title: string; snippet: string } })[];
  nextCursor: string | null;
  /** Exact up to COUNT_CAP; beyond it `totalIsCapped` is true and the UI shows "10,000+". */
  total: number;
  totalIsCapped: boolean;
  facets: Record<string, Record<string, number>>;
}

/**
 * What is the same for every kind of catalog entry: the search, reading one entry, the
 * publishing workflow and keeping the search document current. Kind-specific services
 * (achievements, demands, patents, experts) handle their own fields and call in here.
 */
@Injectable()
export class CatalogService {
  private readonly logger = new Logger(CatalogService.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(AccessService) private readonly access: AccessService,
    @Inject(DomainEvents) private readonly events: DomainEvents,
    @Inject(RedisStore) private readonly redis: RedisStore,
    @Inject(OrganizationsService) private readonly organizations: OrganizationsService,
  ) {}

  /**
   * Counts and facets change slowly and cost the most on broad queries, so they are cached in
   * Redis for FACET_TTL_SECONDS, keyed by the exact SQL and parameters — the caller's access
   * condition included, so a cached answer is only ever served to callers who would get it.
   */
  private async facetRows(q: { text: string; values: unknown[] }): Promise<{ facet: string; value: string | null; n: number }[]> {
    const key = `facets:${createHash('sha1').update(q.text).update(JSON.stringify(q.values)).digest('base64url')}`;
    const cached = await this.redis.client.get(key).catch(() => null);
    if (cached) return JSON.parse(cached);
    const rows = await this.ds.query(q.text, q.values);
    await this.redis.client.set(key, JSON.stringify(rows), 'EX', FACET_TTL_SECONDS).catch(() => undefined);
    return rows;
  }

  /** The caller's CASL condition for `action` on the kind, over alias `a`. */
  accessSql(kind: CatalogKind, action: 'read' = 'read') {
    const meta = this.ds.getMetadata(kind.entity);
    return accessCondition(this.access.ability(), action, kind.subject, (property) => {
      const column = meta.findColumnWithPropertyName(property);
      if (!column) throw new Error(`${kind.subject} has no property ${property} used by a permission rule`);
      return `a.${column.databaseName}`;
    });
  }

  async search<T = Record<string, unknown>>(kindName: CatalogKindName, req: SearchRequest): Promise<SearchResult<T>> {
    const kind = CATALOG_KINDS[kindName];
    const { cursor, ...criteria } = req;
    const built = buildSearch(kind.search, {
      ...criteria,
      after: cursor ? decodeCursor(cursor, 2) : undefined,
      access: this.accessSql(kind),
    });
    const [rows, facetRows] = await Promise.all([
      this.ds.query(built.page.text, built.page.values) as Promise<Record<string, unknown>[]>,
      this.facetRows(built.facets),
    ]);
    const hasMore = rows.length > req.limit;
    const page = hasMore ? rows.slice(0, req.limit) : rows;
    const facets: SearchResult<T>['facets'] = {};
    let total = 0;
    for (const f of facetRows) {
      if (f.facet === 'total') total = f.n;
      else if (f.value !== null) (facets[f.facet] ??= {})[f.value] = f.n;
    }
    const body = (r: Record<string, unknown>) => String(r.summary ?? r.description ?? r.abstract ?? r.bio ?? '');
    return {
      items: page.map((r) => {
        const view = this.toView(kind, r);
        if (built.words.length) {
          (view as Record<string, unknown>).highlight = {
            title: highlight(String(r.title ?? r.name ?? ''), built.words),
            snippet: highlight(body(r), built.words, 120),
          };
        }
        return view as T & { highlight?: { title: string; snippet: string } };
      }),
      nextCursor: hasMore ? encodeCursor(built.cursorOf(page[page.length - 1])) : null,
      total: Math.min(total, COUNT_CAP),
      totalIsCapped: total > COUNT_CAP,
      facets,
    };
  }

  /** One entry as the API shows it, if the caller may read it; else 404. */
  async view<T = Record<string, unknown>>(kindName: CatalogKindName, id: string): Promise<T> {
    const kind = CATALOG_KINDS[kindName];
    const access = this.accessSql(kind);
    const values: unknown[] = [id];
    const cond = access.sql.replace(/:([a-z]+_\d+)/g, (_, name: string) => `$${values.push(access.params[name])}`);
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT ${kind.search.select} FROM ${kind.search.table} a JOIN tenant t ON t.id = a.tenant_id
       LEFT JOIN organization o ON o.id = a.organization_id WHERE a.id = $1 AND (${cond})`,
      values,
    );
    if (!rows.length) throw ProblemException.notFound(kind.subject);
    return this.toView(kind, rows[0]) as T;
  }

  /**
   * An entry opened by the caller (GET of one entry): when it is published and the caller belongs to
   * an organisation other than its owner, `catalog.entry_viewed` states the fact. Returns the view.
   * Losing the fact (Redis down) must not fail the read, so an error is logged, not thrown.
   */
  async viewed<T extends Record<string, unknown>>(kindName: CatalogKindName, view: T): Promise<T> {
    const p = this.access.principal();
    const ownerId = (view.organizationId as string | null | undefined) ?? null;
    if (view.status !== 'published' || !p.organizationId || ownerId === p.organizationId) return view;
    const fields = Array.isArray(view.fields) ? (view.fields as string[]) : view.field ? [String(view.field)] : [];
    const facts: CatalogEntryViewed = {
      kind: kindName,
      entry: {
        id: String(view.id),
        title: String((kindName === 'expert' ? view.name : view.title) ?? ''),
        fields,
        organizationId: ownerId,
      },
      viewer: { userId: p.userId, organizationId: p.organizationId, tenantId: p.tenantId },
      viewedAt: new Date().toISOString(),
    };
    await this.events
      .publish('catalog.entry_viewed', facts)
      .catch((e: Error) => this.logger.warn(`catalog.entry_viewed not published: ${e.message}`));
    return view;
  }

  /** The entity, if the caller may read it (locked FOR UPDATE inside a transaction); else 404. */
  async findReadable<E extends CatalogEntryBase>(kindName: CatalogKindName, id: string, em?: EntityManager): Promise<E> {
    const kind = CATALOG_KINDS[kindName];
    const qb = (em ?? this.ds.manager)
      .getRepository<E>(kind.entity as never)
      .createQueryBuilder('a')
      .where('a.id = :id', { id });
    if (em) qb.setLock('pessimistic_write');
    const row = await this.access.scope(qb, 'read', kind.subject).getOne();
    if (!row) throw ProblemException.notFound(kind.subject);
    return row;
  }

  /**
   * 提交 / 发布 / 退回 / 撤回 / 归档. Who may do it is CASL's answer on the record; whether
   * it may happen now is the workflow's. The audit subscriber records the status change.
   */
  async transition(kindName: CatalogKindName, id: string, transition: Transition, reason?: string): Promise<unknown> {
    const kind = CATALOG_KINDS[kindName];
    // The publication and its event commit together (outbox, decision 0022).
    await this.events.transaction(this.ds, async (em) => {
      const row = await this.findReadable(kindName, id, em);
      const t = TRANSITIONS[transition];
      this.access.assert(t.action, kind.subject, row);
      const to = nextStatus(row.status, transition);
      if (!to)
        throw new ProblemException('INVALID_TRANSITION', {
          from: { zh: ENTRY_STATUS_LABELS[row.status], en: row.status },
          action: { zh: t.label, en: transition },
        });
      row.status = to;
      if (transition === 'return') row.returnReason = reason ?? null;
      if (transition === 'submit') row.returnReason = null;
      if (transition === 'publish') row.publishedAt = new Date();
      await em.getRepository(kind.entity).save(row as never);
      if (transition !== 'publish') return;
      // Local policies (e.g. routing agricultural entries to counties) react to publication.
      if (kindName === 'achievement' || kindName === 'patent') {
        const facts = await this.publishedFacts(kindName, id, em);
        if (facts) await this.events.publishInTransaction(em, 'catalog.published', facts);
      }
      // Matching (and anything else) hears about published demands on their own event type.
      if (kindName === 'demand') {
        const facts = await this.publishedDemandFacts(id, em);
        if (facts) await this.events.publishInTransaction(em, 'catalog.demand_published', facts);
      }
    });
    return this.view(kindName, id);
  }

  /** Rebuilds the search documents of `ids` from what is stored (in the caller's transaction). */
  async reindex(em: EntityManager, kindName: CatalogKindName, ids: string[]): Promise<void> {
    if (!ids.length) return;
    const kind = CATALOG_KINDS[kindName];
    const rows: Record<string, unknown>[] = await em.query(kind.docSql, [ids]);
    await writeSearchDocs(
      em,
      kindName,
      rows.map((r) => ({ id: String(r.id), ...kind.toText(r as never) })),
    );
  }

  /** 关联专利申请号 of each achievement (for exports). */
  async linkedPatentNumbers(achievementIds: string[]): Promise<Map<string, string[]>> {
    const rows: { id: string; numbers: string[] }[] = await this.ds.query(
      `SELECT ap.achievement_id AS id, array_agg(p.application_number ORDER BY p.application_number) AS numbers
         FROM achievement_patent ap JOIN patent p ON p.id = ap.patent_id WHERE ap.achievement_id = ANY($1::uuid[]) GROUP BY 1`,
      [achievementIds],
    );
    return new Map(rows.map((r) => [r.id, r.numbers]));
  }

  /** What policies may know about a published achievement or patent (public API for the policy engine). */
  /** Which of these entries are published today (e.g. to list routed entries only while they stay in the catalog). */
  async stillPublished(entries: { kind: 'achievement' | 'patent'; id: string }[]): Promise<Set<string>> {
    const ids = (kind: string) => entries.filter((e) => e.kind === kind).map((e) => e.id);
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id::text FROM achievement WHERE id = ANY($1::uuid[]) AND status = 'published'
        UNION ALL SELECT id::text FROM patent WHERE id = ANY($2::uuid[]) AND status = 'published'`,
      [ids('achievement'), ids('patent')],
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Patents as other modules' events describe them (e.g. the patents of a technology contract);
   * `em`: read inside the caller's transaction.
   */
  async patentFacts(ids: string[], em: EntityManager = this.ds.manager) {
    if (!ids.length) return [];
    const rows: {
      organization_id: string;
      application_number: string;
      patent_type: string;
      ipc_classes: string[];
      field: string | null;
    }[] = await em.query(
      `SELECT organization_id, application_number, patent_type, ipc_classes, field FROM patent WHERE id = ANY($1) ORDER BY application_number`,
      [ids],
    );
    const holders = await this.organizations.facts(
      rows.map((r) => r.organization_id),
      em,
    );
    return rows.map((r) => ({
      applicationNumber: r.application_number,
      patentType: r.patent_type,
      holderType: holders.get(r.organization_id)?.type ?? 'unknown',
      ipcClasses: r.ipc_classes ?? [],
      field: r.field,
    }));
  }

  /**
   * Published entries of the expert pool (专家库) among `ids`, for other modules (e.g. the experts a
   * registrar assigns to review a technology contract). Unknown or unpublished ids are left out.
   */
  async publishedExperts(
    ids: string[],
  ): Promise<{ id: string; name: string; title: string; organizationId: string | null; userId: string | null }[]> {
    if (!ids.length) return [];
    const rows: { id: string; name: string; title: string; organization_id: string | null; user_id: string | null }[] = await this.ds.query(
      `SELECT id, name, title, organization_id, user_id FROM expert WHERE id = ANY($1::uuid[]) AND status = 'published' ORDER BY name, id`,
      [ids],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, title: r.title, organizationId: r.organization_id, userId: r.user_id }));
  }

  /** The facts `catalog.published` carries: the entry as published, with its owner. */
  private async publishedFacts(kind: 'achievement' | 'patent', id: string, em: EntityManager): Promise<CatalogEntryPublished | null> {
    const [row]: { id: string; title: string; field: string | null; ipc_classes: string[] | null; org_id: string; published_at: Date }[] =
      await em.query(
        kind === 'patent'
          ? `SELECT a.id, a.title, a.field, a.ipc_classes, a.organization_id AS org_id, a.published_at FROM patent a WHERE a.id = $1`
          : `SELECT a.id, a.title, a.field,
                    (SELECT array_agg(DISTINCT c) FROM achievement_patent ap JOIN patent p ON p.id = ap.patent_id, unnest(p.ipc_classes) c
                      WHERE ap.achievement_id = a.id) AS ipc_classes,
                    a.organization_id AS org_id, a.published_at FROM achievement a WHERE a.id = $1`,
        [id],
      );
    const owner = row && (await this.organizations.facts([row.org_id], em)).get(row.org_id);
    if (!row || !owner) return null;
    return {
      kind,
      entry: {
        id: row.id,
        title: row.title,
        field: row.field,
        ipcClasses: row.ipc_classes ?? [],
        publishedOn: chinaDate(row.published_at),
        owner,
      },
    };
  }

  /** The facts `catalog.demand_published` carries. */
  private async publishedDemandFacts(id: string, em: EntityManager): Promise<CatalogDemandPublished | null> {
    const [row]: {
      id: string;
      title: string;
      description: string;
      field: string;
      budget_min_fen: string | null;
      budget_max_fen: string | null;
      is_open_call: boolean;
      org_id: string;
      published_at: Date;
    }[] = await em.query(
      `SELECT id, title, description, field, budget_min_fen, budget_max_fen, is_open_call, organization_id AS org_id, published_at
         FROM demand WHERE id = $1`,
      [id],
    );
    const owner = row && (await this.organizations.facts([row.org_id], em)).get(row.org_id);
    if (!row || !owner) return null;
    const fen = (v: string | null) => (v === null ? null : Number(v));
    return {
      kind: 'demand',
      entry: {
        id: row.id,
        title: row.title,
        description: row.description,
        field: row.field,
        budgetMinFen: fen(row.budget_min_fen),
        budgetMaxFen: fen(row.budget_max_fen),
        isOpenCall: row.is_open_call,
        publishedOn: chinaDate(row.published_at),
        owner,
      },
    };
  }

  private toView(kind: CatalogKind, r: Record<string, unknown>): Record<string, unknown> {
    const out = { ...r };
    for (const c of kind.moneyColumns) if (out[c] !== null && out[c] !== undefined) out[c] = Number(out[c]);
    delete out.rank;
    delete out.sort_key;
    return out;
  }
}

/** Writes search documents in one statement; used by saves, imports and the demo generator. */
export async function writeSearchDocs(
  db: { query: (sql: string, params: unknown[]) => Promise<unknown> },
  kindName: CatalogKindName,
  docs: { id: string; a: string; b: string; c: string; d: string }[],
): Promise<void> {
  if (!docs.length) return;
  const table = CATALOG_KINDS[kindName].search.table;
  await db.query(
    `UPDATE ${table} x SET search_doc = ${searchDocSql('v.a', 'v.b', 'v.c', 'v.d')}
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS v(id, a, b, c, d) WHERE x.id = v.id`,
    [docs.map((d) => d.id), docs.map((d) => d.a), docs.map((d) => d.b), docs.map((d) => d.c), docs.map((d) => d.d)],
  );
}
