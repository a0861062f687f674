import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CatalogCorpus, ENTRY_STATUSES } from '@techmarket/catalog';
import type { DataSource } from 'typeorm';

/**
 * 匹配通知事实: what another context (the closed loop of `libs/campaigns`) may know of a match
 * notice, without reading matching's tables. No access check: the caller checks its own rules on
 * `tenantId` (the demand's tenant, where the notice is kept).
 */
export interface MatchNoticeFacts {
  id: string;
  demandId: string;
  demandTitle: string;
  /** The demand's owner (需求方), the buyer a contract following the notice would name. */
  demandOrganizationId: string | null;
  /** The demand's tenant (the posting tier) and its ltree path. */
  tenantId: string;
  tenantPath: string;
  /** achievement | patent | expert */
  targetKind: string;
  targetId: string;
  targetTitle: string;
  /** The organisation told (an entry's owner; for an expert, the expert's organisation, if any). */
  recipientOrganizationId: string | null;
  recipientUserId: string | null;
  /** The matched patent's application number (专利申请号), as contracts name it; null for other kinds. */
  patentNumber: string | null;
  notifiedAt: Date;
  interestedAt: Date | null;
}

interface NoticeRow {
  id: string;
  demand_id: string;
  demand_title: string;
  tenant_id: string;
  tenant_path: string;
  target_kind: string;
  target_id: string;
  target_title: string;
  recipient_organization_id: string | null;
  recipient_user_id: string | null;
  notified_at: Date;
  interested_at: Date | null;
}

const SELECT = `SELECT n.id::text, n.demand_id::text, n.demand_title, n.tenant_id::text, t.path::text AS tenant_path, n.target_kind,
                       n.target_id::text, n.target_title, n.recipient_organization_id::text, n.recipient_user_id::text,
                       n.notified_at, n.interested_at
                  FROM match_notice n JOIN tenant t ON t.id = n.tenant_id`;

/** The read API matching offers on its notices (exported by `MatchingModule`). */
@Injectable()
export class MatchNoticeDirectory {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(CatalogCorpus) private readonly corpus: CatalogCorpus,
  ) {}

  async byId(id: string): Promise<MatchNoticeFacts | null> {
    const [row] = await this.facts(await this.ds.query(`${SELECT} WHERE n.id = $1::uuid`, [id]));
    return row ?? null;
  }

  /** The notices about the demands an organisation posted (whatever their status now): who might sell to it. */
  async ofDemandOwner(organizationId: string): Promise<MatchNoticeFacts[]> {
    const demands = await this.corpus.ofOrganization('demand', organizationId, [...ENTRY_STATUSES], 1_000);
    if (!demands.length) return [];
    return this.facts(await this.ds.query(`${SELECT} WHERE n.demand_id = ANY($1::uuid[])`, [demands.map((d) => d.id)]));
  }

  /**
   * The notices kept in a tenant's subtree (ltree `path`), sent in the China months `from`–`to`
   * when given, of one demand when given.
   */
  async under(path: string, q: { months?: { from: string; to: string }; demandId?: string } = {}): Promise<MatchNoticeFacts[]> {
    return this.facts(
      await this.ds.query(
        `${SELECT} WHERE t.path <@ $1::ltree
            AND ($2::text IS NULL OR to_char(n.notified_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') BETWEEN $2 AND $3)
            AND ($4::uuid IS NULL OR n.demand_id = $4::uuid)
          ORDER BY n.notified_at, n.id`,
        [path, q.months?.from ?? null, q.months?.to ?? null, q.demandId ?? null],
      ),
    );
  }

  /** Rows → facts, with the demand's owner, the patent's number and the expert's organisation from the catalog. */
  private async facts(rows: NoticeRow[]): Promise<MatchNoticeFacts[]> {
    if (!rows.length) return [];
    const ids = (kind: string) => [...new Set(rows.filter((r) => r.target_kind === kind).map((r) => r.target_id))];
    const [demands, patents, experts] = await Promise.all([
      this.corpus.entries('demand', [...new Set(rows.map((r) => r.demand_id))]),
      this.corpus.entries('patent', ids('patent')),
      this.corpus.entries('expert', ids('expert')),
    ]);
    const demandOwner = new Map(demands.map((d) => [d.id, d.organizationId]));
    const patentNumber = new Map(patents.map((p) => [p.id, p.reference]));
    const expertOrganization = new Map(experts.map((e) => [e.id, e.organizationId]));
    return rows.map((r) => ({
      id: r.id,
      demandId: r.demand_id,
      demandTitle: r.demand_title,
      demandOrganizationId: demandOwner.get(r.demand_id) ?? null,
      tenantId: r.tenant_id,
      tenantPath: r.tenant_path,
      targetKind: r.target_kind,
      targetId: r.target_id,
      targetTitle: r.target_title,
      recipientOrganizationId: r.recipient_organization_id ?? expertOrganization.get(r.target_id) ?? null,
      recipientUserId: r.recipient_user_id,
      patentNumber: patentNumber.get(r.target_id) ?? null,
      notifiedAt: r.notified_at,
      interestedAt: r.interested_at,
    }));
  }
}
