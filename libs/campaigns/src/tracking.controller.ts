import { Controller, Get, Header, HttpCode, Inject, Param, Post, Redirect } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@techmarket/core';
import { TrackingService } from './tracking.service.js';

/** A transparent 1×1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title: string, body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
  `<title>${escape(title)} - 吉林省科技大市场</title></head><body style="font-family:sans-serif;max-width:36em;margin:3em auto;padding:0 1em">` +
  `<h1 style="font-size:1.3em">${escape(title)}</h1>${body}</body></html>`;

/**
 * The links in campaign mails. Signed, not signed-in. GET never changes a subscription or records
 * interest (mail scanners follow links): it shows a zh-CN page whose button POSTs; the one-click
 * unsubscribe of mail clients (RFC 8058) POSTs to the same address.
 */
@ApiExcludeController()
@Controller('campaigns')
export class TrackingController {
  constructor(@Inject(TrackingService) private readonly tracking: TrackingService) {}

  @Get('u/:id/:sig')
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  async unsubscribePage(@Param('id') id: string, @Param('sig') sig: string) {
    const s = await this.tracking.unsubscribeState(id, sig);
    if (s.unsubscribed) return page('您已退订', `<p>${escape(s.email)} 已退订，今后不会再收到推送邮件。</p>`);
    return page(
      '退订推送邮件',
      `<p>退订后，${escape(s.email)} 将不再收到吉林省科技大市场的推送邮件。</p>` +
        `<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">确认退订</button></form>`,
    );
  }

  @Post('u/:id/:sig')
  @Public()
  @HttpCode(200)
  @Header('content-type', 'text/html; charset=utf-8')
  async unsubscribe(@Param('id') id: string, @Param('sig') sig: string) {
    const s = await this.tracking.unsubscribe(id, sig);
    return page('您已退订', `<p>${escape(s.email)} 已退订，今后不会再收到推送邮件。</p>`);
  }

  @Get('o/:id/:file')
  @Public()
  @Header('content-type', 'image/gif')
  @Header('cache-control', 'no-store')
  async open(@Param('id') id: string, @Param('file') file: string) {
    await this.tracking.open(id, file.replace(/\.gif$/, ''));
    return PIXEL;
  }

  @Get('c/:id/:entryId/:sig')
  @Public()
  @Redirect()
  async click(@Param('id') id: string, @Param('entryId') entryId: string, @Param('sig') sig: string) {
    return { url: await this.tracking.click(id, entryId, sig), statusCode: 302 };
  }

  @Get('i/:id/:entryId/:sig')
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  async interestPage(@Param('id') id: string, @Param('entryId') entryId: string, @Param('sig') sig: string) {
    const item = await this.tracking.interestState(id, entryId, sig);
    return page(
      '表达合作意向',
      `<p>您对“${escape(item.title)}”有合作意向？确认后，技术转移机构将与您联系，促成对接。</p>` +
        `<form method="post"><button type="submit">确认有意向</button></form>`,
    );
  }

  @Post('i/:id/:entryId/:sig')
  @Public()
  @HttpCode(200)
  @Header('content-type', 'text/html; charset=utf-8')
  async interest(@Param('id') id: string, @Param('entryId') entryId: string, @Param('sig') sig: string) {
    const item = await this.tracking.interest(id, entryId, sig);
    return page('已收到您的合作意向', `<p>您对“${escape(item.title)}”的合作意向已记录，技术转移机构将尽快与您联系。</p>`);
  }
}
