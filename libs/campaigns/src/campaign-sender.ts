import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfigService } from '@techmarket/core';
import nodemailer, { type Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import { campaignMail, deliveryLinks } from './campaign-mail.js';
import { campaignsConfig } from './campaigns.config.js';
import { claimDelivery } from './delivery-claim.js';
import { linkSecret } from './signing.js';

export type DeliveryOutcome = 'sent' | 'bounced' | 'suppressed' | 'unknown' | 'skipped';

/** Thrown for a temporary SMTP failure: BullMQ retries the job with backoff. */
export class TemporarySmtpError extends Error {}

/**
 * Sends one delivery, at most once (docs/decisions/0019-campaigns.md): the row is claimed
 * (`queued`/`retry` → `sending`, committed) before the SMTP conversation, and only a claimed row is
 * sent. A job that finds its row still `sending` is the rerun of a job whose worker died between
 * the claim and the outcome: the mail may or may not have been accepted, so it is marked `unknown`
 * for review, never resent. A 5xx answer is a bounce (permanent); anything else is retried.
 * Campaign mail has its own pooled SMTP transport: it needs its own headers and Message-ID, which
 * core's mail jobs do not carry.
 */
@Injectable()
export class CampaignSender implements OnApplicationShutdown {
  private readonly logger = new Logger(CampaignSender.name);
  private readonly transport: Transporter;
  private readonly from: string;
  private readonly domain: string;
  private readonly secret: string;
  private readonly publicUrl: string;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(AppConfigService) config: AppConfigService,
  ) {
    const cfg = campaignsConfig();
    const smtp = new URL(config.get('SMTP_URL'));
    const secure = smtp.protocol === 'smtps:';
    this.transport = nodemailer.createTransport({
      pool: true,
      maxConnections: cfg.CAMPAIGN_MAIL_CONCURRENCY,
      maxMessages: Infinity,
      host: smtp.hostname,
      port: Number(smtp.port || (secure ? 465 : 25)),
      secure,
      ignoreTLS: !secure && smtp.searchParams.get('tls') !== '1',
      auth: smtp.username ? { user: decodeURIComponent(smtp.username), pass: decodeURIComponent(smtp.password) } : undefined,
    });
    this.from = config.get('MAIL_FROM');
    this.domain = /@([^>\s]+)/.exec(this.from)?.[1] ?? 'techmarket.local';
    this.secret = linkSecret({ CAMPAIGN_LINK_SECRET: cfg.CAMPAIGN_LINK_SECRET, JWT_SECRET: config.get('JWT_SECRET') });
    this.publicUrl = cfg.CAMPAIGN_PUBLIC_URL;
  }

  /** `finalAttempt`: a temporary failure now marks the row `failed` instead of `retry`. */
  async deliver(deliveryId: string, finalAttempt: boolean): Promise<DeliveryOutcome> {
    const row = await claimDelivery(this.ds, deliveryId);
    if (!row) {
      const [, n] = (await this.ds.query(
        `UPDATE campaign_delivery SET state = 'unknown', last_error = $2 WHERE id = $1 AND state = 'sending'`,
        [deliveryId, '投递中断：进程在发送与记录之间退出，邮件可能已送达，未重发'],
      )) as [unknown[], number];
      if (n) this.logger.warn(`delivery ${deliveryId} was left sending by a dead worker: marked unknown, not resent`);
      return n ? 'unknown' : 'skipped';
    }
    if (row.state === 'suppressed') return 'suppressed';
    const mail = campaignMail(
      {
        deliveryId,
        to: row.email,
        organizationName: row.organizationName,
        subject: row.subject,
        intro: row.intro,
        items: row.items,
        senderName: this.from.replace(/\s*<.*$/, ''),
      },
      deliveryLinks(this.publicUrl, this.secret, deliveryId),
      this.domain,
    );
    try {
      const info = await this.transport.sendMail({ from: this.from, ...mail });
      // `unknown` too: a worker that outlived its lock still records what it knows happened.
      await this.ds.query(
        `UPDATE campaign_delivery SET state = 'sent', message_id = $2, sent_at = now(), last_error = NULL
          WHERE id = $1 AND state IN ('sending', 'unknown')`,
        [deliveryId, info.messageId ?? mail.messageId],
      );
      return 'sent';
    } catch (err) {
      const e = err as Error & { responseCode?: number; response?: string };
      const message = `${e.responseCode ?? ''} ${e.response ?? e.message}`.trim().slice(0, 500);
      if (e.responseCode && e.responseCode >= 500) {
        await this.ds.query(
          `UPDATE campaign_delivery SET state = 'bounced', bounced_at = now(), last_error = $2 WHERE id = $1 AND state = 'sending'`,
          [deliveryId, message],
        );
        return 'bounced';
      }
      await this.ds.query(`UPDATE campaign_delivery SET state = $3, last_error = $2 WHERE id = $1 AND state = 'sending'`, [
        deliveryId,
        message,
        finalAttempt ? 'failed' : 'retry',
      ]);
      throw new TemporarySmtpError(message);
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
