import { describe, expect, it } from '@jest/globals';
import { digestMail, digestPeriod, isDigestDate, isoWeek, unsubscribeSignature, verifyUnsubscribe } from './digest.js';

describe('digest periods', () => {
  it('names a day (daily) or its ISO week (weekly), across year ends', () => {
    expect(digestPeriod('daily', '2026-11-28')).toBe('2026-11-28');
    expect(digestPeriod('weekly', '2026-11-28')).toBe('2026-W48');
    expect(isoWeek('2026-11-23')).toBe('2026-W48'); // Monday
    expect(isoWeek('2026-11-29')).toBe('2026-W48'); // Sunday
    expect(isoWeek('2026-11-30')).toBe('2026-W49');
    expect(isoWeek('2021-01-03')).toBe('2020-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
  });

  it('accepts real dates up to today only', () => {
    expect(isDigestDate('2026-11-27', '2026-11-28')).toBe(true);
    expect(isDigestDate('2026-11-28', '2026-11-28')).toBe(true);
    expect(isDigestDate('2026-11-29', '2026-11-28')).toBe(false);
    expect(isDigestDate('2026-02-30', '2026-11-28')).toBe(false);
    expect(isDigestDate('20261127', '2026-11-28')).toBe(false);
  });
});

describe('unsubscribe links', () => {
  it('verify only with the same secret and id', () => {
    const sig = unsubscribeSignature('secret', 'sub-1');
    expect(verifyUnsubscribe('secret', 'sub-1', sig)).toBe(true);
    expect(verifyUnsubscribe('secret', 'sub-2', sig)).toBe(false);
    expect(verifyUnsubscribe('other', 'sub-1', sig)).toBe(false);
    expect(verifyUnsubscribe('secret', 'sub-1', `${sig}x`)).toBe(false);
    expect(verifyUnsubscribe('secret', 'sub-1', '')).toBe(false);
  });
});

describe('the digest mail', () => {
  it('lists the new entries by kind in Chinese, says when there are more, and ends with the unsubscribe link', () => {
    const mail = digestMail({
      to: 'a@example.cn',
      frequency: 'weekly',
      period: '2026-W48',
      fieldLabels: ['现代农业'],
      keywords: ['菌草'],
      sections: [
        {
          kind: 'achievement',
          total: 12,
          items: [
            {
              kind: 'achievement',
              id: '1',
              title: '菌草栽培技术',
              organizationName: '某研究所',
              tenantName: '长春市',
              fieldLabels: ['现代农业'],
            },
          ],
        },
        { kind: 'patent', total: 0, items: [] },
      ],
      unsubscribeUrl: 'http://x/unsubscribe?s=1&sig=2',
    });
    expect(mail.subject).toBe('【吉林省科技大市场】订阅推送（每周）：12 条新条目');
    expect(mail.text).toContain('行业领域：现代农业；关键词：菌草');
    expect(mail.text).toContain('【科技成果】12 条，以下为最相关的 1 条');
    expect(mail.text).toContain('· 菌草栽培技术（某研究所，长春市，现代农业）');
    expect(mail.text).not.toContain('【专利】');
    expect(mail.text.trim().split('\n').at(-1)).toBe('不再接收此订阅：http://x/unsubscribe?s=1&sig=2');
  });
});
