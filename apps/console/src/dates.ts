/**
 * Dates as people in China read them: the calendar day in China time (UTC+8), whatever the
 * browser's zone, so a contract registered at 01:00 Beijing time is not shown as the day before.
 */
const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** `2026-03-01T17:30:00Z` → `2026-03-02`; a plain `YYYY-MM-DD` date stays as it is. */
export function chinaDate(value: string | Date | null | undefined): string {
  if (!value) return '—';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return DAY.format(new Date(value));
}

/** `2026-03-01T17:30:00Z` → `2026-03-02 01:30`. */
export function chinaDateTime(value: string | Date | null | undefined): string {
  if (!value) return '—';
  return `${DAY.format(new Date(value))} ${TIME.format(new Date(value))}`;
}
