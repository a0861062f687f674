import chineseDays from 'chinese-days';

/**
 * 工作日 in China: weekdays minus the official public holidays, plus the make-up working days
 * (调休) the State Council announces each year. The calendar comes from the maintained
 * `chinese-days` package (never a hand-typed list); upgrade it when the next year's schedule is
 * published (usually in November). Dates past the package's last year count Monday to Friday.
 */
export function addWorkingDays(date: string, days: number): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`not a date: ${date}`);
  if (!Number.isInteger(days) || days < 1) throw new Error(`working days must be a positive integer: ${days}`);
  // findWorkday(n, d): the n-th working day after d (d itself does not count).
  return chineseDays.findWorkday(days, date);
}

/** Whether a China calendar date is a working day (调休 make-up days included, holidays excluded). */
export function isWorkingDay(date: string): boolean {
  return chineseDays.isWorkday(date);
}
