import chineseDays from 'chinese-days';

/**
 * 工作日 in China: weekdays minus the official public holidays, plus the make-up working days
 * (调休) the State Council announces each year. The calendar comes from the maintained
 * `chinese-days` package (never a hand-typed list); upgrade it when the next year's schedule is
 * published (usually in November or December).
 *
 * A year the package does not cover yet (a registration filed in December has its deadline in
 * January) is counted from the law rather than as plain Monday-to-Friday: the statutory holidays
 * of 《全国年节及纪念日放假办法》 (2024 revision, art. 2) — 元旦, 春节 (除夕 and 正月初一 to 初三),
 * 清明, 劳动节 (1–2 May), 端午, 中秋, 国庆 (1–3 October) — with art. 6's 补假: a holiday falling on
 * a Saturday or Sunday is made up on the next working day. The announced schedule usually also
 * moves weekends (调休) to bridge holidays; nobody can know those in advance, so none are assumed.
 * The reading errs towards later deadlines, never earlier ones. docs/decisions/0021-working-days.md
 */
export function addWorkingDays(date: string, days: number): string {
  assertDate(date);
  if (!Number.isInteger(days) || days < 1) throw new Error(`working days must be a positive integer: ${days}`);
  let day = date;
  for (let counted = 0; counted < days;) {
    day = nextDay(day);
    if (isWorkingDay(day)) counted += 1;
  }
  return day;
}

/** Whether a China calendar date is a working day (调休 make-up days included, holidays excluded). */
export function isWorkingDay(date: string): boolean {
  assertDate(date);
  const year = Number(date.slice(0, 4));
  if (scheduleIsPublished(year)) return chineseDays.isWorkday(date);
  return !isWeekend(date) && !statutoryHolidays(year).has(date);
}

/** Whether the State Council's schedule for `year` is in the installed `chinese-days` data. */
export function scheduleIsPublished(year: number): boolean {
  let known = published.get(year);
  if (known === undefined) {
    known = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    published.set(year, known);
  }
  return known;
}

const published = new Map<number, boolean>();
const statutory = new Map<number, Set<string>>();

/** The statutory holidays of a year with their 补假 days (art. 2 and 6 of the 放假办法). */
export function statutoryHolidays(year: number): Set<string> {
  let days = statutory.get(year);
  if (days) return days;
  const springFestival = chineseDays.getSolarDateFromLunar(`${year}-01-01`).date;
  const dates = [
    `${year}-01-01`,
    previousDay(springFestival), // 除夕
    springFestival,
    nextDay(springFestival),
    nextDay(nextDay(springFestival)),
    chineseDays.getSolarTermDate(year, 4, 'pure_brightness'), // 清明
    `${year}-05-01`,
    `${year}-05-02`,
    chineseDays.getSolarDateFromLunar(`${year}-05-05`).date, // 端午
    chineseDays.getSolarDateFromLunar(`${year}-08-15`).date, // 中秋
    `${year}-10-01`,
    `${year}-10-02`,
    `${year}-10-03`,
  ];
  days = new Set(dates);
  // 补假: each holiday on a weekend adds the next weekday that is not already a holiday.
  for (const d of dates.filter(isWeekend).sort()) {
    let makeUp = nextDay(d);
    while (isWeekend(makeUp) || days.has(makeUp)) makeUp = nextDay(makeUp);
    days.add(makeUp);
  }
  statutory.set(year, days);
  return days;
}

function assertDate(date: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new Error(`not a date: ${date}`);
}

function shift(date: string, by: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + by);
  return d.toISOString().slice(0, 10);
}

const nextDay = (date: string): string => shift(date, 1);
const previousDay = (date: string): string => shift(date, -1);
const isWeekend = (date: string): boolean => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
