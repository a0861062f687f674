import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * 订阅推送 (pure): the period a digest belongs to, the signed unsubscribe link and the zh-CN mail.
 * A digest is unique per subscription and period, so a retried or repeated run sends nothing twice.
 */
export type Frequency = 'daily' | 'weekly';

/** The scheduled runs, China time: daily digests at 07:00, weekly ones on Monday at 07:30. */
export const DIGEST_SCHEDULES = [
  { id: 'matching-daily-digests', frequency: 'daily' as const, pattern: '0 0 7 * * *', tz: 'Asia/Shanghai' },
  { id: 'matching-weekly-digests', frequency: 'weekly' as const, pattern: '0 30 7 * * 1', tz: 'Asia/Shanghai' },
];

/** At most this many entries of each kind are listed in one mail (the total is said). */
export const DIGEST_ENTRIES_PER_KIND = 10;

/** ISO 8601 week of a calendar date: `2026-W48` (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7)); // the Thursday of this week decides the year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The period a digest run on China date `date` belongs to: the date (daily) or its ISO week (weekly). */
export function digestPeriod(frequency: Frequency, date: string): string {
  return frequency === 'daily' ? date : isoWeek(date);
}

/** A calendar date (YYYY-MM-DD) that exists and is not after `today`. */
export function isDigestDate(date: string, today: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date && date <= today;
}

/** The signature of a subscription's unsubscribe link: HMAC-SHA256 of its id, base64url. */
export function unsubscribeSignature(secret: string, subscriptionId: string): string {
  return createHmac('sha256', secret).update(`unsubscribe:${subscriptionId}`).digest('base64url');
}

export function verifyUnsubscribe(secret: string, subscriptionId: string, signature: string): boolean {
  const expected = Buffer.from(unsubscribeSignature(secret, subscriptionId));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const KIND_LABELS: Record<string, string> = { achievement: '科技成果', patent: '专利', demand: '企业需求', expert: '专家' };
const FREQUENCY_LABELS: Record<Frequency, string> = { daily: '每日', weekly: '每周' };

export interface DigestEntry {
  kind: string;
  id: string;
  title: string;
  organizationName: string | null;
  tenantName: string;
  fieldLabels: string[];
}

export interface DigestSection {
  kind: string;
  total: number;
  items: DigestEntry[];
}

/** The digest mail (zh-CN): what was subscribed, the new entries by kind, the unsubscribe link. */
export function digestMail(d: {
  to: string;
  frequency: Frequency;
  period: string;
  fieldLabels: string[];
  keywords: string[];
  sections: DigestSection[];
  unsubscribeUrl: string;
}): { to: string; subject: string; text: string } {
  const total = d.sections.reduce((s, x) => s + x.total, 0);
  const what = [
    d.fieldLabels.length ? `行业领域：${d.fieldLabels.join('、')}` : '',
    d.keywords.length ? `关键词：${d.keywords.join('、')}` : '',
  ]
    .filter(Boolean)
    .join('；');
  const lines = [`您订阅的${FREQUENCY_LABELS[d.frequency]}推送（${what}）有 ${total} 条新发布的条目（${d.period}）：`, ''];
  for (const s of d.sections) {
    if (!s.total) continue;
    lines.push(
      `【${KIND_LABELS[s.kind] ?? s.kind}】${s.total} 条${s.total > s.items.length ? `，以下为最相关的 ${s.items.length} 条` : ''}`,
    );
    for (const e of s.items)
      lines.push(`· ${e.title}（${[e.organizationName, e.tenantName, e.fieldLabels.join('、')].filter(Boolean).join('，')}）`);
    lines.push('');
  }
  lines.push('登录吉林省科技大市场查看详情。', '', `不再接收此订阅：${d.unsubscribeUrl}`);
  return {
    to: d.to,
    subject: `【吉林省科技大市场】订阅推送（${FREQUENCY_LABELS[d.frequency]}）：${total} 条新条目`,
    text: lines.join('\n'),
  };
}
