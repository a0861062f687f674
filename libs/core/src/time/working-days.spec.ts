import { describe, expect, it } from '@jest/globals';
import { addWorkingDays, isWorkingDay } from './working-days.js';

// The 2026 schedule as the State Council's General Office published it: National Day and
// Mid-Autumn 1–7 October (and 25 September), make-up working days Sunday 20 September and
// Saturday 10 October; Spring Festival 15–23 February, make-up days 14 and 28 February.
describe('China working days (工作日, with holidays and 调休)', () => {
  it('knows holidays and make-up days', () => {
    expect(['2026-10-01', '2026-10-07', '2026-02-16', '2026-09-25'].map(isWorkingDay)).toEqual([false, false, false, false]);
    expect(['2026-09-20', '2026-10-10', '2026-02-14', '2026-02-28'].map(isWorkingDay)).toEqual([true, true, true, true]);
  });

  it('counts 15 working days across the National Day holiday, the Saturday make-up day included', () => {
    // 30 Sept (Wed) → 8, 9, 10 (Sat, 调休), 12–16, 19–23, 26, 27 October.
    expect(addWorkingDays('2026-09-30', 15)).toBe('2026-10-27');
  });

  it('counts from the next working day when filed on a holiday or at a weekend', () => {
    expect(addWorkingDays('2026-10-03', 1)).toBe('2026-10-08');
    expect(addWorkingDays('2026-11-28', 15)).toBe('2026-12-18'); // a Saturday
  });

  it('counts 30 working days across the Spring Festival', () => {
    // 6 Feb (Fri) → 9–13, 14 (Sat, 调休), 24–27, 28 (Sat, 调休), 2–6 Mar, 9–13, 16–20, 23–26.
    expect(addWorkingDays('2026-02-06', 30)).toBe('2026-03-26');
  });

  it('refuses what is not a date or a positive count', () => {
    expect(() => addWorkingDays('2026/10/01', 15)).toThrow();
    expect(() => addWorkingDays('2026-10-01', 0)).toThrow();
  });
});
