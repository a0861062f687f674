import { describe, expect, it } from '@jest/globals';
import { chinaDate, chinaYear, chinaYearSpan } from './china-time.js';

describe('China time', () => {
  it('04:00 on 1 January in China is still 31 December in UTC, and counts as the new year', () => {
    const at = new Date('2025-12-31T20:00:00Z'); // 2026-01-01 04:00 in Beijing
    expect(chinaDate(at)).toBe('2026-01-01');
    expect(chinaYear(at)).toBe(2026);
  });

  it('the last minute of the year in China stays in the old year', () => {
    const at = new Date('2026-12-31T15:59:00Z'); // 23:59 in Beijing
    expect([chinaDate(at), chinaYear(at)]).toEqual(['2026-12-31', 2026]);
    expect(chinaDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('a China year spans from its first Beijing midnight to the next', () => {
    const [from, to] = chinaYearSpan(2026);
    expect([from.toISOString(), to.toISOString()]).toEqual(['2025-12-31T16:00:00.000Z', '2026-12-31T16:00:00.000Z']);
    expect(chinaYear(from)).toBe(2026);
    expect(chinaYear(new Date(to.getTime() - 1))).toBe(2026);
  });
});
