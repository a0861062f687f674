import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfigService } from '../config/config.module.js';
import type { MailJob } from '../jobs/queues.js';

/** The only boundary to SMTP. Jobs call it; request handlers only enqueue. */
@Injectable()
export class MailSender implements OnApplicationShutdown {
  private readonly transport: Transporter;
  private readonly from: string;

  constructor(@Inject(AppConfigService) config: AppConfigService) {
    const url = new URL(config.get('SMTP_URL'));
    // Local and test SMTP servers speak plain SMTP; an smtps:// URL or ?tls=1 turns TLS on.
    const secure = url.protocol === 'smtps:';
    this.transport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port || (secure ? 465 : 25)),
      secure,
      ignoreTLS: !secure && url.searchParams.get('tls') !== '1',
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    });
    this.from = config.get('MAIL_FROM');
  }

  async send(mail: MailJob): Promise<string> {
    const info = await this.transport.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: mail.attachments?.map((a) => ({
        filename: a.filename,
        content: a.content,
        encoding: 'base64',
        contentType: a.contentType,
      })),
    });
    return info.messageId;
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
