/**
 * Money in plugins: integer fen (分) in, integer fen out. Percentages round **down** to the
 * fen, so a subsidy never exceeds the legal rate (docs/decisions/0007-money-rounding.md).
 */
export function percentOf(amountFen: number, percent: number): number {
  // percent in hundredths (3.25 % → 325) keeps the arithmetic in integers.
  const hundredths = BigInt(Math.round(percent * 100));
  return Number((BigInt(Math.trunc(amountFen)) * hundredths) / 10000n);
}

export function minFen(...amounts: number[]): number {
  return Math.min(...amounts);
}

/** 1234567 fen → "12,345.67 元"; whole yuan without decimals → "300,000 元". */
export function yuan(fen: number): string {
  const y = Math.trunc(fen / 100);
  const f = Math.abs(fen % 100);
  const whole = y.toLocaleString('en-US');
  return f ? `${whole}.${String(f).padStart(2, '0')} 元` : `${whole} 元`;
}

export function pct(percent: number): string {
  return `${percent}%`;
}
