/**
 * Money is integer fen (分) in the API and 元 on screen: people read and type 元 with two
 * decimals; the console converts at the edge, never storing a float amount.
 */
export function yuanToFen(yuan: number): number {
  if (!Number.isFinite(yuan)) throw new RangeError(`不是有效金额: ${yuan}`);
  // 0.29 * 100 is 28.999999999999996 in binary floating point: round to the nearest fen.
  return Math.round(yuan * 100);
}

export const fenToYuan = (fen: number): number => fen / 100;

const fmt = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** `1234567` 分 → `12,345.67 元`. */
export const formatYuan = (fen: number | null | undefined): string =>
  fen === null || fen === undefined ? '—' : `${fmt.format(fen / 100)} 元`;
