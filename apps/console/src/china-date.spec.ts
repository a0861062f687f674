import { describe, expect, it } from '@jest/globals';
import { chinaDateText, chinaDateTimeText, chinaToday, daysBetween } from './china-date.js';

describe('dates as a China registrar reads them', () => {
  it('takes today in Asia/Shanghai, not the browser’s zone: 17:00 UTC is already the next day', () => {
    expect(chinaToday(new Date('2026-03-04T17:00:00Z'))).toBe('2026-03-05');
    expect(chinaToday(new Date('2026-03-04T15:59:00Z'))).toBe('2026-03-04');
  });
  it('writes dates the Chinese way and counts calendar days between them', () => {
    expect(chinaDateText('2026-03-05')).toBe('2026年3月5日');
    expect(chinaDateText(null)).toBe('—');
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysBetween('2026-03-02', '2026-02-27')).toBe(-3);
  });
  it('shows an instant on China’s clock', () => {
    expect(chinaDateTimeText('2026-11-28T07:13:00Z')).toBe('2026年11月28日 15:13');
    expect(chinaDateTimeText('2026-12-31T16:05:00Z')).toBe('2027年1月1日 00:05');
  });
});
