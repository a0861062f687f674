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

const chinaClock = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
/** An instant as China's clock shows it, `2026年11月28日 15:13`, whatever the browser's zone. */
export const chinaDateTimeText = (at: string | null | undefined) => {
  if (!at) return '—';
  const part = Object.fromEntries(chinaClock.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return `${part.year}年${part.month}月${part.day}日 ${part.hour}:${part.minute}`;
};
