import { deliveryMessageId, signLink } from './signing.js';
import type { PushedItem } from './personalise.js';

/** The links of one delivery, signed (pure). */
export function deliveryLinks(base: string, secret: string, deliveryId: string) {
  const root = base.replace(/\/+$/, '');
  return {
    unsubscribe: `${root}/campaigns/u/${deliveryId}/${signLink(secret, 'unsubscribe', deliveryId)}`,
    open: `${root}/campaigns/o/${deliveryId}/${signLink(secret, 'open', deliveryId)}.gif`,
    click: (entryId: string) => `${root}/campaigns/c/${deliveryId}/${entryId}/${signLink(secret, 'click', deliveryId, entryId)}`,
    interest: (entryId: string) => `${root}/campaigns/i/${deliveryId}/${entryId}/${signLink(secret, 'interest', deliveryId, entryId)}`,
  };
}

const KIND_LABELS: Record<string, string> = { patent: '开放许可专利', achievement: '科技成果' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface CampaignMailInput {
  deliveryId: string;
  to: string;
  organizationName: string;
  subject: string;
  intro: string;
  items: PushedItem[];
  senderName: string;
}

/**
 * The personalised zh-CN mail of one delivery: the entries picked for the recipient with why, a
 * click and an interest link for each, the open pixel, and the one-click unsubscribe (RFC 8058:
 * `List-Unsubscribe` with an https/http URL and `List-Unsubscribe-Post`). The Message-ID is fixed
 * by the delivery. Pure.
 */
export function campaignMail(m: CampaignMailInput, links: ReturnType<typeof deliveryLinks>, domain: string) {
  const lines = m.items.flatMap((it, i) => [
    `${i + 1}. 【${KIND_LABELS[it.kind] ?? it.kind}】${it.title}${it.organizationName ? `（${it.organizationName}）` : ''}`,
    `   推荐理由：${it.reasons.join('；') || '符合推送条件'}`,
    `   查看详情：${links.click(it.id)}`,
    `   有合作意向：${links.interest(it.id)}`,
  ]);
  const text = [
    `${m.organizationName}：`,
    '',
    m.intro || `${m.senderName}根据贵单位的行业领域与所在地，为您精选了以下技术成果：`,
    '',
    ...lines,
    '',
    `不想再收到此类推送？退订：${links.unsubscribe}`,
  ].join('\n');
  const html = [
    `<p>${escapeHtml(m.organizationName)}：</p>`,
    `<p>${escapeHtml(m.intro || `${m.senderName}根据贵单位的行业领域与所在地，为您精选了以下技术成果：`)}</p>`,
    '<ol>',
    ...m.items.map(
      (it) =>
        `<li><a href="${links.click(it.id)}">【${escapeHtml(KIND_LABELS[it.kind] ?? it.kind)}】${escapeHtml(it.title)}</a>` +
        `${it.organizationName ? `（${escapeHtml(it.organizationName)}）` : ''}<br>推荐理由：${escapeHtml(it.reasons.join('；'))}` +
        `<br><a href="${links.interest(it.id)}">我有合作意向</a></li>`,
    ),
    '</ol>',
    `<p style="font-size:12px;color:#666">不想再收到此类推送？<a href="${links.unsubscribe}">一键退订</a></p>`,
    `<img src="${links.open}" width="1" height="1" alt="">`,
  ].join('\n');
  return {
    to: m.to,
    subject: m.subject,
    text,
    html,
    messageId: deliveryMessageId(m.deliveryId, domain),
    headers: {
      'List-Unsubscribe': `<${links.unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'X-Campaign-Delivery': m.deliveryId,
    },
  };
}
