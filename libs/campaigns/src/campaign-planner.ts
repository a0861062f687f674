import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CatalogCorpus, type CorpusEntry } from '@techmarket/catalog';
import { OrganizationsService } from '@techmarket/core';
import { demandIpc, MatchingEngine, ProfilesService } from '@techmarket/matching';
import type { DataSource } from 'typeorm';
import { MAX_SET_SIZE, personalise, type PushedItem } from './personalise.js';
import { type CampaignSegment, type CampaignSet, inSegment } from './segment.js';

/** One planned mail: an address of a recipient enterprise and what it gets. */
export interface PlannedRecipient {
  organizationId: string;
  organizationName: string;
  tenantId: string;
  tenantCode: string;
  email: string;
  items: PushedItem[];
}

export interface Plan {
  set: CorpusEntry[];
  /** Enterprises in the segment (with or without a mail address). */
  enterprises: number;
  /** Addresses left out because they unsubscribed (退订). */
  unsubscribed: number;
  recipients: PlannedRecipient[];
}

/**
 * Who gets what: the preview and the launch call the same `plan`, so a launched campaign reaches
 * exactly the previewed addresses (unless the catalog, the organisations or the unsubscriptions
 * changed in between). Organisation facts come from core's `OrganizationsService`; the set and the
 * enterprises' fields from their declared profiles and their demands in the catalog; the ranking
 * from the matching engine's weights.
 */
@Injectable()
export class CampaignPlanner {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(OrganizationsService) private readonly organizations: OrganizationsService,
    @Inject(CatalogCorpus) private readonly corpus: CatalogCorpus,
    @Inject(MatchingEngine) private readonly matching: MatchingEngine,
    @Inject(ProfilesService) private readonly profiles: ProfilesService,
  ) {}

  async set(s: CampaignSet): Promise<CorpusEntry[]> {
    return this.corpus.published(s.kind, {
      fields: s.fields,
      terms: s.keywords,
      openLicenceOnly: s.openLicenceOnly,
      tenantCode: s.tenantCode,
      limit: MAX_SET_SIZE,
    });
  }

  async plan(c: { entrySet: CampaignSet; segment: CampaignSegment; itemsPerRecipient: number }): Promise<Plan> {
    const [tenant] = (await this.ds.query(`SELECT id FROM tenant WHERE code = $1`, [c.segment.tenantCode])) as { id: string }[];
    const set = await this.set(c.entrySet);
    if (!tenant) return { set, enterprises: 0, unsubscribed: 0, recipients: [] };
    const orgs = await this.organizations.factsInSubtree(tenant.id, 'enterprise');
    // An enterprise's 行业领域: those its profile declares and those of its published demands.
    const ids = orgs.map((o) => o.id);
    const [fromDemands, declared] = await Promise.all([this.corpus.demandFields(ids), this.profiles.declaredFields(ids)]);
    const fields = new Map(ids.map((id) => [id, [...new Set([...(declared.get(id) ?? []), ...(fromDemands.get(id) ?? [])])]]));
    const members = orgs.filter((o) => inSegment(o, fields.get(o.id) ?? [], c.segment));
    // Mail addresses of the enterprises' active accounts, one query (UsersService.recipients asks per organisation).
    const addresses: { organizationId: string; email: string; unsubscribed: boolean }[] = await this.ds.query(
      `SELECT DISTINCT ON (lower(u.email)) u.organization_id AS "organizationId", lower(u.email) AS email,
              EXISTS (SELECT 1 FROM campaign_unsubscribe x WHERE x.email = lower(u.email)) AS unsubscribed
         FROM user_account u WHERE u.is_active AND u.email IS NOT NULL AND u.organization_id = ANY($1::uuid[])
        ORDER BY lower(u.email), u.organization_id`,
      [members.map((o) => o.id)],
    );
    const byOrg = new Map(members.map((o) => [o.id, o]));
    const weights = await this.matching.weights();
    const cache = new Map<string, PushedItem[]>();
    const recipients: PlannedRecipient[] = [];
    let unsubscribed = 0;
    for (const a of addresses) {
      if (a.unsubscribed) {
        unsubscribed++;
        continue;
      }
      const o = byOrg.get(a.organizationId)!;
      const items = personalise(
        { organizationId: o.id, fields: fields.get(o.id) ?? [], ipc: demandIpc(fields.get(o.id) ?? []), divisionCode: o.divisionCode },
        set,
        weights,
        c.itemsPerRecipient,
        cache,
      );
      if (!items.length) continue;
      recipients.push({
        organizationId: o.id,
        organizationName: o.name,
        tenantId: o.tenantId,
        tenantCode: o.tenantCode,
        email: a.email,
        items,
      });
    }
    recipients.sort((a, b) => (a.tenantCode + a.organizationName + a.email).localeCompare(b.tenantCode + b.organizationName + b.email));
    return { set, enterprises: members.length, unsubscribed, recipients };
  }
}
