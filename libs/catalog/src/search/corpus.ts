import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { anyOfQueries } from './search-query.js';

/**
 * The catalog as a corpus for ranking (matching): terms, their weighted frequencies and document
 * lengths come from the very `search_doc` the search indexes (jieba words, weights A/B/C), so
 * another module ranks with the catalog's segmentation without copying it or reading its tables.
 * Only published entries are ever candidates; corpus statistics count published entries only.
 */
export type CorpusKind = 'achievement' | 'patent' | 'expert' | 'demand';

/** How much one occurrence counts by where it is: title (A) 3, keywords/field/organisation (B) 2, body (C) 1; filter lexemes (D) 0. */
export const POSITION_WEIGHTS = { A: 3, B: 2, C: 1, D: 0 } as const;

export interface CorpusEntry {
  kind: CorpusKind;
  id: string;
  status: string;
  title: string;
  /** The entry's main text (summary, description, abstract or bio). */
  body: string;
  tenantId: string;
  tenantCode: string;
  organizationId: string | null;
  organizationName: string | null;
  /** Where the owner is (GB/T 2260), else the tenant's code. */
  divisionCode: string;
  fields: string[];
  trl: number | null;
  legalStatus: string | null;
  priceFen: number | null;
  priceNegotiable: boolean;
  openLicence: boolean;
  freeLicence: boolean;
  useFirstPayLater: boolean;
  budgetMinFen: number | null;
  budgetMaxFen: number | null;
  userId: string | null;
  contactEmail: string | null;
  /**
   * IPC classes (`A01B 1/00`): a patent's own, an achievement's linked patents', the ones a demand
   * names; none for an expert.
   */
  ipcClasses: string[];
  /** A patent's application number (专利申请号), as contracts name it; null for other kinds. */
  reference: string | null;
  /** Weighted length of the document (sum of weighted occurrences of its words). */
  length: number;
  /** Weighted frequency of each asked term in the document. */
  tf: Record<string, number>;
}

/** A published entry as a digest lists it. */
export interface PublishedEntry {
  kind: CorpusKind;
  id: string;
  title: string;
  fields: string[];
  organizationName: string | null;
  tenantCode: string;
  tenantName: string;
  publishedAt: Date;
}

export interface CorpusStats {
  /** Published entries of the kind. */
  documents: number;
  averageLength: number;
  /** Published entries containing each term. */
  df: Record<string, number>;
}

const TABLE: Record<CorpusKind, string> = { achievement: 'achievement', patent: 'patent', expert: 'expert', demand: 'demand' };

/** Kind-specific columns, over `a` (entry) and `ol` (a patent's declared open licence). */
const COLUMNS: Record<CorpusKind, string> = {
  achievement: `a.title, a.summary AS body, ARRAY[a.field]::text[] AS fields, a.trl, NULL AS legal_status, a.price_fen, a.price_negotiable,
    a.has_open_licence AS open_licence, a.has_free_licence AS free_licence, false AS use_first_pay_later,
    NULL::bigint AS budget_min_fen, NULL::bigint AS budget_max_fen, NULL::uuid AS user_id, NULL AS contact_email, NULL AS reference,
    COALESCE((SELECT array_agg(DISTINCT c ORDER BY c) FROM achievement_patent ap JOIN patent p ON p.id = ap.patent_id, unnest(p.ipc_classes) c
               WHERE ap.achievement_id = a.id), '{}'::text[]) AS ipc_classes`,
  patent: `a.title, a.abstract AS body, CASE WHEN a.field IS NULL THEN '{}'::text[] ELSE ARRAY[a.field]::text[] END AS fields, NULL::smallint AS trl,
    a.legal_status, ol.fee_fen AS price_fen, (ol.id IS NULL OR ol.fee_type = 'royalty') AS price_negotiable,
    a.open_licence, COALESCE(ol.is_free, false) AS free_licence, COALESCE(ol.use_first_pay_later, false) AS use_first_pay_later,
    NULL::bigint AS budget_min_fen, NULL::bigint AS budget_max_fen, NULL::uuid AS user_id, NULL AS contact_email,
    a.application_number AS reference, a.ipc_classes`,
  expert: `a.name AS title, concat_ws(' ', a.title, a.bio) AS body, a.fields::text[] AS fields, NULL::smallint AS trl, NULL AS legal_status, NULL::bigint AS price_fen,
    false AS price_negotiable, false AS open_licence, false AS free_licence, false AS use_first_pay_later,
    NULL::bigint AS budget_min_fen, NULL::bigint AS budget_max_fen, a.user_id, a.contact_email, NULL AS reference, '{}'::text[] AS ipc_classes`,
  demand: `a.title, a.description AS body, ARRAY[a.field]::text[] AS fields, NULL::smallint AS trl, NULL AS legal_status, NULL::bigint AS price_fen,
    false AS price_negotiable, false AS open_licence, false AS free_licence, false AS use_first_pay_later,
    a.budget_min_fen, a.budget_max_fen, NULL::uuid AS user_id, NULL AS contact_email, NULL AS reference, a.ipc_classes`,
};

const FIELD_MATCH: Record<CorpusKind, string> = {
  achievement: 'a.field = ANY($2::text[])',
  patent: 'a.field = ANY($2::text[])',
  expert: 'a.fields::text[] && $2::text[]',
  demand: 'a.field = ANY($2::text[])',
};

/** Weighted occurrences of each word of `a.search_doc` (filter lexemes, weight D, count 0 and are left out). */
const WEIGHTED = `SELECT u.lexeme, (SELECT sum(CASE wt WHEN 'A' THEN ${POSITION_WEIGHTS.A} WHEN 'B' THEN ${POSITION_WEIGHTS.B}
                    WHEN 'C' THEN ${POSITION_WEIGHTS.C} ELSE 0 END) FROM unnest(u.weights) wt)::float8 AS w
                    FROM unnest(a.search_doc) u`;

/** Terms are jieba words cleaned to letters and digits, so they are safe inside a tsquery; anything else is dropped. */
const safeTerms = (terms: string[]) => [...new Set(terms.filter((t) => /^[\p{L}\p{N}]+$/u.test(t)))];

@Injectable()
export class CatalogCorpus {
  private readonly lengths = new Map<CorpusKind, { at: number; value: number }>();
  /** The average document length changes slowly; it is recomputed at most this often per process. */
  static readonly AVERAGE_LENGTH_TTL_MS = 10 * 60_000;
  /**
   * Counts of common terms and of the documents, kept as long as the average length: counting a
   * term in thousands of entries is most of a matching run, and a few publications move such a
   * count by well under a percent. Rare terms (and small corpora) are counted every time, cheaply
   * from the GIN index, so a newly published word is found at once. 0 turns the cache off.
   */
  statsTtlMs = CatalogCorpus.AVERAGE_LENGTH_TTL_MS;
  static readonly CACHED_COUNT_MIN = 100;
  private readonly counts = new Map<CorpusKind, { at: number; documents: number | null; df: Map<string, number> }>();

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * From this many published entries of a kind on, what would mean reading most of the table is
   * estimated instead (docs/decisions/0016-matching.md, "national scale"): a common term's count from
   * the frequencies PostgreSQL's ANALYZE keeps for `search_doc` (its most common lexemes, each in
   * more than ~0.3% of rows), the average length from a sample of ~20,000 entries. Rarer terms are
   * still counted exactly, cheaply from the GIN index. Below it everything is counted.
   */
  estimateFromDocuments = 100_000;
  private readonly frequencies = new Map<CorpusKind, { at: number; value: Map<string, number> }>();

  async stats(kind: CorpusKind, terms: string[]): Promise<CorpusStats> {
    const table = TABLE[kind];
    const words = safeTerms(terms);
    let cache = this.counts.get(kind);
    if (!cache || Date.now() - cache.at >= this.statsTtlMs)
      this.counts.set(kind, (cache = { at: Date.now(), documents: null, df: new Map() }));
    let documents = cache.documents;
    if (documents === null) {
      const [count]: { n: number }[] = await this.ds.query(`SELECT count(*)::int AS n FROM ${table} WHERE status = 'published'`);
      documents = count.n;
      if (this.statsTtlMs > 0 && documents >= CatalogCorpus.CACHED_COUNT_MIN) cache.documents = documents;
    }
    const df: Record<string, number> = {};
    const estimated = documents >= this.estimateFromDocuments ? await this.commonFrequencies(kind) : new Map<string, number>();
    const missing = words.filter((w) => {
      const n = cache.df.get(w) ?? (estimated.has(w) ? Math.round(estimated.get(w)! * documents) : undefined);
      if (n !== undefined) df[w] = n;
      return n === undefined;
    });
    const dfRows: { t: string; n: number }[] = missing.length
      ? await this.ds.query(
          `SELECT t, (SELECT count(*)::int FROM ${table} a WHERE a.status = 'published' AND a.search_doc @@ to_tsquery('simple', t)) AS n
             FROM unnest($1::text[]) t`,
          [missing],
        )
      : [];
    for (const r of dfRows) {
      df[r.t] = r.n;
      if (this.statsTtlMs > 0 && r.n >= CatalogCorpus.CACHED_COUNT_MIN) cache.df.set(r.t, r.n);
    }
    return { documents, averageLength: await this.averageLength(kind, documents), df };
  }

  /** The share of rows holding each of the kind's most common lexemes, as the last ANALYZE sampled it (none before one). */
  private async commonFrequencies(kind: CorpusKind): Promise<Map<string, number>> {
    const cached = this.frequencies.get(kind);
    if (cached && Date.now() - cached.at < CatalogCorpus.AVERAGE_LENGTH_TTL_MS) return cached.value;
    const [row]: { elems: string[]; freqs: number[] }[] = await this.ds.query(
      `SELECT most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs FROM pg_stats
        WHERE schemaname = current_schema() AND tablename = $1 AND attname = 'search_doc'`,
      [TABLE[kind]],
    );
    // The frequencies array has three more entries (min, max, null share) than there are lexemes.
    const value = new Map((row?.elems ?? []).map((e, i) => [e, Number(row.freqs[i])]));
    this.frequencies.set(kind, { at: Date.now(), value });
    return value;
  }

  private async averageLength(kind: CorpusKind, documents: number): Promise<number> {
    const cached = this.lengths.get(kind);
    if (cached && Date.now() - cached.at < CatalogCorpus.AVERAGE_LENGTH_TTL_MS) return cached.value;
    const sample =
      documents >= this.estimateFromDocuments
        ? ` TABLESAMPLE SYSTEM (${Math.min(100, (100 * 20_000) / Math.max(documents, 1)).toFixed(4)})`
        : '';
    const [row]: { avg: number | null }[] = await this.ds.query(
      `SELECT avg(s.dl)::float8 AS avg FROM ${TABLE[kind]} a${sample}
         CROSS JOIN LATERAL (SELECT COALESCE(sum(x.w), 0) AS dl FROM (${WEIGHTED}) x) s WHERE a.status = 'published'`,
    );
    const value = row.avg ?? 0;
    this.lengths.set(kind, { at: Date.now(), value });
    return value;
  }

  /** Which of `ids` are published entries of `kind` now. */
  async publishedIds(kind: CorpusKind, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: { id: string }[] = await this.ds.query(
      `SELECT id::text FROM ${TABLE[kind]} WHERE id = ANY($1::uuid[]) AND status = 'published'`,
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Entries by id, whatever their status (the source of a matching run), with the weighted frequencies of `terms`. */
  async entries(kind: CorpusKind, ids: string[], terms: string[] = []): Promise<CorpusEntry[]> {
    return this.select(kind, safeTerms(terms), `a.id = ANY($2::uuid[])`, [ids], '');
  }

  /**
   * Published entries of `kind` containing any of `terms` — or in any of `fields` when `orInFields`
   * or there is no term — best `ts_rank` first, at most `limit`; the owner organisation
   * `excludeOrganizationId` left out.
   */
  async candidates(
    kind: CorpusKind,
    q: { terms: string[]; fields: string[]; orInFields?: boolean; limit: number; excludeOrganizationId?: string | null },
  ): Promise<CorpusEntry[]> {
    const words = safeTerms(q.terms);
    const textMatch = words.length ? `a.search_doc @@ to_tsquery('simple', $2)` : `$2::text IS NULL`;
    // In a field, sharing no word: only worth scoring where text does not gate the other factors.
    const inFields = !words.length || q.orInFields ? ` OR ${FIELD_MATCH[kind].replace('$2', '$4')}` : '';
    const order = `ORDER BY ${words.length ? `ts_rank('{0, 0.33, 0.67, 1}', a.search_doc, to_tsquery('simple', $2)) DESC, ` : ''}a.id LIMIT ${Math.max(1, Math.floor(q.limit))}`;
    return this.select(
      kind,
      words,
      `a.status = 'published' AND (${textMatch}${inFields})
       AND ($3::uuid IS NULL OR a.organization_id IS DISTINCT FROM $3::uuid)`,
      [words.length ? words.join(' | ') : null, q.excludeOrganizationId ?? null, ...(inFields ? [q.fields] : [])],
      order,
      true,
    );
  }

  /**
   * An organisation's own entries of `kind` in `statuses` (its demands, an institution's
   * achievements), newest first, at most `limit`.
   */
  async ofOrganization(kind: CorpusKind, organizationId: string, statuses: string[], limit = 200): Promise<CorpusEntry[]> {
    return this.select(
      kind,
      [],
      `a.organization_id = $2::uuid AND a.status = ANY($3::text[])`,
      [organizationId, statuses],
      `ORDER BY a.created_at DESC, a.id LIMIT ${Math.max(1, Math.floor(limit))}`,
    );
  }

  /**
   * Entries of `kind` published in (`after`, `until`] that are in one of `fields` (when any) and
   * contain one of `keywords` as the search box reads them (when any); best `ts_rank` first, then
   * newest, at most `limit`, with how many there are in all.
   */
  async publishedBetween(
    kind: CorpusKind,
    q: { after: Date; until: Date; fields: string[]; keywords: string[]; limit: number },
  ): Promise<{ total: number; items: PublishedEntry[] }> {
    const tsq = anyOfQueries(q.keywords);
    if (q.keywords.length && !tsq) return { total: 0, items: [] };
    const name = kind === 'expert' ? 'a.name' : 'a.title';
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT a.id, ${name} AS title, ${kind === 'expert' ? 'a.fields::text[]' : 'ARRAY[a.field]::text[]'} AS fields, o.name AS organization_name,
              t.code AS tenant_code, t.name AS tenant_name, a.published_at, count(*) OVER ()::int AS total
         FROM ${TABLE[kind]} a JOIN tenant t ON t.id = a.tenant_id LEFT JOIN organization o ON o.id = a.organization_id
        WHERE a.status = 'published' AND a.published_at > $1 AND a.published_at <= $2
          AND (cardinality($3::text[]) = 0 OR ${FIELD_MATCH[kind].replace('$2', '$3')})
          AND ($4::text IS NULL OR a.search_doc @@ to_tsquery('simple', $4))
        ORDER BY ${tsq ? `ts_rank('{0, 0.33, 0.67, 1}', a.search_doc, to_tsquery('simple', $4)) DESC, ` : ''}a.published_at DESC, a.id
        LIMIT ${Math.max(1, Math.floor(q.limit))}`,
      [q.after, q.until, q.fields, tsq],
    );
    return {
      total: rows.length ? Number(rows[0].total) : 0,
      items: rows.map((r) => ({
        kind,
        id: String(r.id),
        title: String(r.title),
        fields: ((r.fields as (string | null)[] | null) ?? []).filter((f): f is string => Boolean(f)),
        organizationName: (r.organization_name as string | null) ?? null,
        tenantCode: String(r.tenant_code),
        tenantName: String(r.tenant_name),
        publishedAt: r.published_at as Date,
      })),
    };
  }

  /**
   * Published achievements or patents picked by what a push campaign (推送活动) names: in any of
   * `fields`, containing any of `terms`, open-licensed only, owned in a tenant's subtree; newest
   * first, at most `limit`. No term frequencies are read (`$1` is empty).
   */
  async published(
    kind: 'achievement' | 'patent',
    q: { fields?: string[]; terms?: string[]; openLicenceOnly?: boolean; tenantCode?: string; limit: number },
  ): Promise<CorpusEntry[]> {
    const words = safeTerms(q.terms ?? []);
    const open = kind === 'patent' ? 'a.open_licence' : 'a.has_open_licence';
    return this.select(
      kind,
      [],
      `a.status = 'published'
       AND ($2::text[] IS NULL OR a.field = ANY($2::text[]))
       AND ($3::text IS NULL OR a.search_doc @@ to_tsquery('simple', $3))
       AND (NOT $4::boolean OR ${open})
       AND ($5::text IS NULL OR t.path <@ (SELECT path FROM tenant WHERE code = $5))`,
      [q.fields?.length ? q.fields : null, words.length ? words.join(' | ') : null, q.openLicenceOnly ?? false, q.tenantCode ?? null],
      `ORDER BY a.published_at DESC NULLS LAST, a.id LIMIT ${Math.max(1, Math.floor(q.limit))}`,
    );
  }

  /**
   * The 行业领域 an organisation works in, as its published demands say (an enterprise declares no
   * field of its own in the catalog), by organisation.
   */
  async demandFields(organizationIds: string[]): Promise<Map<string, string[]>> {
    if (!organizationIds.length) return new Map();
    const rows: { id: string; fields: string[] }[] = await this.ds.query(
      `SELECT organization_id::text AS id, array_agg(DISTINCT field) AS fields FROM demand
        WHERE organization_id = ANY($1::uuid[]) AND status = 'published' AND field IS NOT NULL GROUP BY organization_id`,
      [organizationIds],
    );
    return new Map(rows.map((r) => [r.id, r.fields]));
  }

  /**
   * `$1` is always the terms; `where` uses `$2`… for `values`. `limitFirst`: `where` and `tail` pick
   * the rows before anything is joined or read from them — so ranking most of a national table
   * sorts ids and ranks in memory (top-N), not whole joined rows on disk — and `tail` orders them again.
   */
  private async select(
    kind: CorpusKind,
    terms: string[],
    where: string,
    values: unknown[],
    tail: string,
    limitFirst = false,
  ): Promise<CorpusEntry[]> {
    const from = limitFirst ? `(SELECT a.* FROM ${TABLE[kind]} a WHERE ${where} ${tail}) a` : `${TABLE[kind]} a`;
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT a.id, a.status, a.tenant_id, t.code AS tenant_code, a.organization_id, o.name AS organization_name,
              COALESCE(o.division_code, t.code) AS division_code, ${COLUMNS[kind]}, s.dl, s.tf
         FROM ${from} JOIN tenant t ON t.id = a.tenant_id LEFT JOIN organization o ON o.id = a.organization_id
         ${kind === 'patent' ? `LEFT JOIN open_licence ol ON ol.patent_id = a.id AND ol.status = 'declared'` : ''}
         CROSS JOIN LATERAL (
           SELECT COALESCE(sum(x.w), 0)::float8 AS dl,
                  COALESCE(jsonb_object_agg(x.lexeme, x.w) FILTER (WHERE x.lexeme = ANY($1::text[])), '{}'::jsonb) AS tf
             FROM (${WEIGHTED}) x WHERE x.w > 0) s
        ${limitFirst ? '' : `WHERE ${where}`} ${tail}`,
      [terms, ...values],
    );
    const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return rows.map((r) => ({
      kind,
      id: String(r.id),
      status: String(r.status),
      title: String(r.title),
      body: String(r.body ?? ''),
      tenantId: String(r.tenant_id),
      tenantCode: String(r.tenant_code),
      organizationId: (r.organization_id as string | null) ?? null,
      organizationName: (r.organization_name as string | null) ?? null,
      divisionCode: String(r.division_code).trim(),
      fields: (r.fields as string[] | null) ?? [],
      trl: num(r.trl),
      legalStatus: (r.legal_status as string | null) ?? null,
      priceFen: num(r.price_fen),
      priceNegotiable: Boolean(r.price_negotiable),
      openLicence: Boolean(r.open_licence),
      freeLicence: Boolean(r.free_licence),
      useFirstPayLater: Boolean(r.use_first_pay_later),
      budgetMinFen: num(r.budget_min_fen),
      budgetMaxFen: num(r.budget_max_fen),
      userId: (r.user_id as string | null) ?? null,
      contactEmail: (r.contact_email as string | null) ?? null,
      ipcClasses: (r.ipc_classes as string[] | null) ?? [],
      reference: (r.reference as string | null) ?? null,
      length: Number(r.dl),
      tf: r.tf as Record<string, number>,
    }));
  }
}
