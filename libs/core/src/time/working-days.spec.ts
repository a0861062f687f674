import { describe, expect, it } from '@jest/globals';
import { addWorkingDays, isWorkingDay, scheduleIsPublished, statutoryHolidays } from './working-days.js';

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

  it('refuses impossible dates', () => {
    expect(() => isWorkingDay('2026-13-01')).toThrow();
  });
});

// 2027's schedule is not in the installed calendar (as of November 2026): the statutory holidays of
// 《全国年节及纪念日放假办法》 art. 2 count, with art. 6's 补假 for those on a weekend, and no 调休.
describe('a year whose schedule is not published yet', () => {
  const year = 2027;
  const guard = scheduleIsPublished(year) ? it.skip : it;

  it('is detected', () => {
    // When `chinese-days` gains 2027, these cases are checked against the real schedule instead:
    // the statutory reading below is then exercised by 2099.
    expect(scheduleIsPublished(2026)).toBe(true);
    expect(scheduleIsPublished(2099)).toBe(false);
  });

  it('keeps 元旦, 春节 (除夕 to 初三), 清明, 劳动节, 端午, 中秋 and 国庆 with their 补假', () => {
    // 2099: 1 Jan is a Thursday; the rule must give 13 holidays plus one 补假 per weekend holiday.
    const days = statutoryHolidays(2099);
    expect(days.has('2099-01-01')).toBe(true);
    expect(days.has('2099-05-01') && days.has('2099-05-02')).toBe(true);
    expect(days.has('2099-10-01') && days.has('2099-10-02') && days.has('2099-10-03')).toBe(true);
    expect(days.size).toBeGreaterThanOrEqual(13);
  });

  guard('counts a December deadline across 元旦 2027', () => {
    // 25 Dec 2026 (Fri) + 5: 28–31 Dec, then 1 Jan 2027 (Fri) is 元旦 → Monday 4 January.
    expect(isWorkingDay('2027-01-01')).toBe(false);
    expect(addWorkingDays('2026-12-25', 5)).toBe('2027-01-04');
  });

  guard('counts the Spring Festival 2027 with 补假 for its weekend days', () => {
    // 除夕 5 Feb (Fri), 初一–初三 6–8 Feb (Sat–Mon); Sat and Sun are made up on 9 and 10 Feb.
    expect(['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10'].map(isWorkingDay)).toEqual([false, false, false, false]);
    expect(addWorkingDays('2027-02-04', 1)).toBe('2027-02-11');
  });

  guard('counts 国庆 2027 (1 Oct a Friday) with 补假 on 4 and 5 October', () => {
    expect(addWorkingDays('2027-09-30', 1)).toBe('2027-10-06');
    expect(isWorkingDay('2027-09-15')).toBe(false); // 中秋
    expect(isWorkingDay(`${year}-04-05`)).toBe(false); // 清明
  });
});
