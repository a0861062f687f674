import { describe, expect, it } from '@jest/globals';
import { chinaDate, chinaDateTime } from './dates.js';

describe('China-calendar dates', () => {
  it('shows the calendar day in China time, not the browser’s zone', () => {
    expect(chinaDate('2026-03-01T17:30:00Z')).toBe('2026-03-02');
    expect(chinaDateTime('2026-03-01T17:30:00Z')).toBe('2026-03-02 01:30');
    expect(chinaDate('2026-12-31T15:59:59Z')).toBe('2026-12-31');
  });
  it('keeps a plain date, and shows a dash for none', () => {
    expect(chinaDate('2026-06-30')).toBe('2026-06-30');
    expect(chinaDate(null)).toBe('—');
    expect(chinaDateTime(undefined)).toBe('—');
  });
});
