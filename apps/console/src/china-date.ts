/** Today's date in China (Asia/Shanghai), YYYY-MM-DD: deadlines are China dates whatever the browser's zone. */
export const chinaToday = (at = new Date()) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(at);

/** `2026-03-05` → `2026年3月5日`. */
export const chinaDateText = (d: string | null | undefined) => {
  if (!d) return '—';
  const [y, m, day] = d.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${day}日`;
};

/** Calendar days from one China date to another (both YYYY-MM-DD). */
export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
