import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfigService, ProblemException } from '@techmarket/core';
import type { DataSource } from 'typeorm';
import { campaignsConfig } from './campaigns.config.js';
import type { PushedItem } from './personalise.js';
import { linkSecret, verifyLink } from './signing.js';

/**
 * What a recipient does with a campaign mail, through its signed links (no account needed):
 * unsubscribe (退订), open (the pixel), click (to the entry), interest (意向). A link whose
 * signature does not match its delivery (and purpose, and entry) is 404, as an unknown one.
 */
@Injectable()
export class TrackingService {
  private readonly secret: string;
  readonly publicUrl: string;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(AppConfigService) config: AppConfigService,
  ) {
    const cfg = campaignsConfig();
    this.secret = linkSecret({ CAMPAIGN_LINK_SECRET: cfg.CAMPAIGN_LINK_SECRET, JWT_SECRET: config.get('JWT_SECRET') });
    this.publicUrl = cfg.CAMPAIGN_PUBLIC_URL.replace(/\/+$/, '');
  }

  private async delivery(id: string, signature: string, ...purpose: string[]) {
    if (!verifyLink(this.secret, signature, purpose[0], id, ...purpose.slice(1))) throw ProblemException.notFound('CampaignDelivery');
    const [d]: { id: string; email: string; items: PushedItem[]; unsubscribed: boolean }[] = await this.ds.query(
      `SELECT d.id, d.email, d.items, EXISTS (SELECT 1 FROM campaign_unsubscribe x WHERE x.email = d.email) AS unsubscribed
         FROM campaign_delivery d WHERE d.id = $1`,
      [id],
    );
    if (!d) throw ProblemException.notFound('CampaignDelivery');
    return d;
  }

  async unsubscribeState(id: string, signature: string) {
    const d = await this.delivery(id, signature, 'unsubscribe');
    return { email: d.email, unsubscribed: d.unsubscribed };
  }

  /** Every later campaign leaves the address out (preview, plan and the send itself check it). */
  async unsubscribe(id: string, signature: string) {
    const d = await this.delivery(id, signature, 'unsubscribe');
    await this.ds.query(`INSERT INTO campaign_unsubscribe (email, delivery_id) VALUES ($1, $2) ON CONFLICT (email) DO NOTHING`, [
      d.email,
      d.id,
    ]);
    return { email: d.email };
  }

  async open(id: string, signature: string): Promise<void> {
    await this.delivery(id, signature, 'open');
    await this.ds.query(`UPDATE campaign_delivery SET opens = opens + 1, opened_at = COALESCE(opened_at, now()) WHERE id = $1`, [id]);
  }

  /** Records the click and says where the entry is shown. */
  async click(id: string, entryId: string, signature: string): Promise<string> {
    const d = await this.delivery(id, signature, 'click', entryId);
    const item = d.items.find((i) => i.id === entryId);
    if (!item) throw ProblemException.notFound('CampaignDelivery');
    await this.ds.query(`UPDATE campaign_delivery SET clicks = clicks + 1, clicked_at = COALESCE(clicked_at, now()) WHERE id = $1`, [id]);
    return `${this.publicUrl}/catalog?kind=${item.kind}&id=${item.id}`;
  }

  async interestState(id: string, entryId: string, signature: string) {
    const d = await this.delivery(id, signature, 'interest', entryId);
    const item = d.items.find((i) => i.id === entryId);
    if (!item) throw ProblemException.notFound('CampaignDelivery');
    return item;
  }

  /** 表达意向: the first answer counts (which entry, when). */
  async interest(id: string, entryId: string, signature: string) {
    const item = await this.interestState(id, entryId, signature);
    await this.ds.query(
      `UPDATE campaign_delivery SET interested_at = COALESCE(interested_at, now()), interest_entry_id = COALESCE(interest_entry_id, $2) WHERE id = $1`,
      [id, entryId],
    );
    return item;
  }
}
