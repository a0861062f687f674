import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { RegisteredContractFacts } from '@techmarket/contracts';
import type { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { MatchNoticeDirectory } from '@techmarket/matching';
import { attribute, attributeNotice, type ContractForAttribution, type PushForAttribution } from './attribution.js';
import { CampaignPlanner } from './campaign-planner.js';
import type { MailJobData } from './campaign-mail.processor.js';
import { campaignsConfig, mailJobOptions } from './campaigns.config.js';
import { CAMPAIGN_MAIL_QUEUE } from './campaigns.registration.js';
import { Campaign, CampaignDelivery } from './entities/index.js';

const CHUNK = 1_000;

/**
 * The worker side of a campaign besides sending: planning a launched campaign's deliveries and
 * queueing their mails (both idempotent, so the planning job may be retried at any point), and
 * crediting registered contracts to pushes (闭环归因).
 */
@Injectable()
export class CampaignWorkflow {
  private readonly logger = new Logger(CampaignWorkflow.name);
  private readonly cfg = campaignsConfig();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(CampaignPlanner) private readonly planner: CampaignPlanner,
    @InjectQueue(CAMPAIGN_MAIL_QUEUE) private readonly mail: Queue<MailJobData>,
    @Inject(MatchNoticeDirectory) private readonly notices: MatchNoticeDirectory,
  ) {}

  /**
   * `launching` → the deliveries (one row per address, unique per campaign, inserted with the
   * campaign's state change in one transaction) → `launched`; then every still-`queued` delivery
   * gets its mail job, whose id is the delivery's (BullMQ adds a job id once).
   */
  async plan(campaignId: string): Promise<{ recipients: number; queued: number }> {
    const c = await this.ds.getRepository(Campaign).findOne({ where: { id: campaignId } });
    if (!c || c.state === 'draft') return { recipients: 0, queued: 0 };
    if (c.state === 'launching') {
      const plan = await this.planner.plan(c);
      await this.ds.transaction(async (em) => {
        for (let i = 0; i < plan.recipients.length; i += CHUNK) {
          await em
            .getRepository(CampaignDelivery)
            .createQueryBuilder()
            .insert()
            .values(
              plan.recipients.slice(i, i + CHUNK).map((r) => ({
                tenantId: c.tenantId,
                campaignId: c.id,
                organizationId: r.organizationId,
                organizationName: r.organizationName,
                recipientTenantId: r.tenantId,
                email: r.email,
                items: r.items,
              })),
            )
            .orIgnore()
            .execute();
        }
        await em.getRepository(Campaign).save(Object.assign(c, { state: 'launched', recipients: plan.recipients.length }));
      });
    }
    const ids: { id: string }[] = await this.ds.query(
      `SELECT id FROM campaign_delivery WHERE campaign_id = $1 AND state = 'queued' ORDER BY email`,
      [campaignId],
    );
    for (let i = 0; i < ids.length; i += CHUNK) {
      await this.mail.addBulk(
        ids.slice(i, i + CHUNK).map(({ id }) => ({
          name: 'campaign.mail',
          data: { deliveryId: id },
          opts: mailJobOptions(this.cfg, id),
        })),
      );
    }
    this.logger.log(`campaign ${campaignId}: ${c.recipients ?? 0} recipients, ${ids.length} mails queued`);
    return { recipients: c.recipients ?? 0, queued: ids.length };
  }

  /**
   * A registered contract credited to the push it follows and, independently, to the match notice
   * it follows (the rules of attribution.ts): the ids credited, or nulls.
   */
  async contractRegistered(k: RegisteredContractFacts): Promise<{ deliveryId: string | null; noticeId: string | null }> {
    const contract: ContractForAttribution = {
      buyerOrganizationId: k.buyer.id,
      sellerOrganizationId: k.seller.id,
      signedOn: k.signedOn,
      patentNumbers: k.patents.map((p) => p.applicationNumber),
    };
    return { deliveryId: await this.creditPush(k, contract), noticeId: await this.creditNotice(k, contract) };
  }

  private async creditPush(k: RegisteredContractFacts, contract: ContractForAttribution): Promise<string | null> {
    const pushes: PushForAttribution[] = await this.ds.query(
      `SELECT id AS "deliveryId", campaign_id AS "campaignId", organization_id AS "organizationId",
              to_char(COALESCE(sent_at, claimed_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS "sentOn", items
         FROM campaign_delivery WHERE organization_id = $1 AND state IN ('sent', 'unknown')`,
      [k.buyer.id],
    );
    const a = attribute(contract, pushes);
    if (!a) {
      // An amendment that no longer qualifies (e.g. signed before the push) takes its chain's credit away.
      await this.ds.query(`DELETE FROM campaign_conversion WHERE contract_root_id = $1`, [k.rootId]);
      return null;
    }
    // Keyed by the amendment chain: an amendment replaces its original's amount.
    await this.ds.query(
      `INSERT INTO campaign_conversion (contract_root_id, contract_id, registration_number, delivery_id, campaign_id, rule, amount_fen, signed_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (contract_root_id) DO UPDATE SET contract_id = $2, registration_number = $3, delivery_id = $4, campaign_id = $5,
         rule = $6, amount_fen = $7, signed_on = $8, attributed_at = now()`,
      [k.rootId, k.id, k.registrationNumber, a.deliveryId, a.campaignId, a.rule, k.amountFen, k.signedOn],
    );
    return a.deliveryId;
  }

  /** 撮合归因: the notices about the buyer's demands, read through matching's directory. */
  private async creditNotice(k: RegisteredContractFacts, contract: ContractForAttribution): Promise<string | null> {
    const notices = await this.notices.ofDemandOwner(k.buyer.id);
    const a = attributeNotice(
      contract,
      notices.map((n) => ({
        noticeId: n.id,
        demandId: n.demandId,
        demandOrganizationId: n.demandOrganizationId,
        recipientOrganizationId: n.recipientOrganizationId,
        patentNumber: n.patentNumber,
        notifiedOn: chinaDay(n.notifiedAt),
        notifiedAt: n.notifiedAt.toISOString(),
      })),
    );
    if (!a) {
      // An amendment that no longer qualifies takes its chain's credit away.
      await this.ds.query(`DELETE FROM match_conversion WHERE contract_root_id = $1`, [k.rootId]);
      return null;
    }
    await this.ds.query(
      `INSERT INTO match_conversion (contract_root_id, contract_id, registration_number, notice_id, demand_id, rule, amount_fen, tech_transaction_fen, signed_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (contract_root_id) DO UPDATE SET contract_id = $2, registration_number = $3, notice_id = $4, demand_id = $5,
         rule = $6, amount_fen = $7, tech_transaction_fen = $8, signed_on = $9, attributed_at = now()`,
      [k.rootId, k.id, k.registrationNumber, a.noticeId, a.demandId, a.rule, k.amountFen, k.techTransactionFen, k.signedOn],
    );
    return a.noticeId;
  }

  /** A cancelled registration is no longer a conversion. */
  async contractCancelled(k: RegisteredContractFacts): Promise<void> {
    await this.ds.query(`DELETE FROM campaign_conversion WHERE contract_id = $1`, [k.id]);
    await this.ds.query(`DELETE FROM match_conversion WHERE contract_id = $1`, [k.id]);
  }
}

/** The China calendar day of an instant, YYYY-MM-DD. */
const chinaDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
