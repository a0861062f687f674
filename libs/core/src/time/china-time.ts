/**
 * China time (Asia/Shanghai, UTC+8, no daylight saving): the calendar that registration
 * numbers, policy dates and budgets count in, whatever the server's own time zone is.
 * The one place that turns an instant into a Chinese calendar date.
 */
const DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** `YYYY-MM-DD` in China on the given instant (default: now). */
export function chinaDate(at: Date = new Date()): string {
  return DATE.format(at);
}

/** The calendar year in China on the given instant (default: now). */
export function chinaYear(at: Date = new Date()): number {
  return Number(chinaDate(at).slice(0, 4));
}

/** The instants a China calendar year spans: [1 January 00:00 Beijing, next 1 January 00:00 Beijing). */
export function chinaYearSpan(year: number): [Date, Date] {
  return [new Date(`${year}-01-01T00:00:00+08:00`), new Date(`${year + 1}-01-01T00:00:00+08:00`)];
}
