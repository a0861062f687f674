import { describe, expect, it } from '@jest/globals';
import { escapeHtml, formatYuan, periodLabel, previousPeriod, reportKind } from './report.js';

describe('periodic reports: pure parts', () => {
  it('formats fen as 元 with thousands separators, exactly', () => {
    expect([0, 5, 100, 123_456_789, -5_000_000, 9_007_199_254_740_991].map(formatYuan)).toEqual([
      '0.00',
      '0.05',
      '1.00',
      '1,234,567.89',
      '-50,000.00',
      '90,071,992,547,409.91',
    ]);
  });

  it('reads periods and finds the one a scheduled run reports on (China dates)', () => {
    expect(['2025', '2025-03', '2025-13', '2025-Q1', '25'].map(reportKind)).toEqual(['annual', 'monthly', null, null, null]);
    expect(previousPeriod('monthly', '2026-01-01')).toBe('2025-12');
    expect(previousPeriod('monthly', '2026-11-01')).toBe('2026-10');
    expect(previousPeriod('annual', '2026-01-01')).toBe('2025');
    expect([periodLabel('2025-03'), periodLabel('2025')]).toEqual(['2025年3月', '2025年度']);
  });

  it('escapes every text it puts in the page', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
