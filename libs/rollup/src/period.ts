/**
 * Statistical periods in China months: a year (`2025`), a quarter (`2025-Q2`), a month
 * (`2025-03`) or a custom range of months (`from=2025-01&to=2025-06`). Pure.
 */
export interface Period {
  /** First month, `YYYY-MM`. */
  from: string;
  /** Last month, `YYYY-MM` (included). */
  to: string;
}

export const PERIOD_PATTERN = /^(\d{4})(?:-(Q[1-4]|0[1-9]|1[0-2]))?$/;
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** The months `period` names; null when it is not a period. */
export function parsePeriod(period: string): Period | null {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) return null;
  const year = m[1];
  if (!m[2]) return { from: `${year}-01`, to: `${year}-12` };
  if (m[2].startsWith('Q')) {
    const q = Number(m[2][1]);
    return { from: `${year}-${pad(q * 3 - 2)}`, to: `${year}-${pad(q * 3)}` };
  }
  return { from: period, to: period };
}

/** The same months one year earlier (year-on-year). */
export function previousYear(p: Period): Period {
  const back = (ym: string) => `${Number(ym.slice(0, 4)) - 1}${ym.slice(4)}`;
  return { from: back(p.from), to: back(p.to) };
}

/** `YYYY-MM` → `YYYY-MM-01`, the month column's value. */
export const monthStart = (ym: string) => `${ym}-01`;
