/**
 * Marks the searched words in a text with <em>, after HTML-escaping it. PostgreSQL's
 * ts_headline cannot do this for Chinese (it sees a sentence as one word), so it is done
 * here on the few rows of a page. `window` cuts a snippet around the first match.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function highlight(text: string, words: string[], window?: number): string {
  const terms = [...new Set(words.filter(Boolean))].sort((a, b) => b.length - a.length);
  let slice = text;
  let prefix = '';
  let suffix = '';
  if (window && text.length > window) {
    const lower = text.toLowerCase();
    const first = Math.min(...terms.map((t) => lower.indexOf(t.toLowerCase())).filter((i) => i >= 0), Number.MAX_SAFE_INTEGER);
    const start = first === Number.MAX_SAFE_INTEGER ? 0 : Math.max(0, first - Math.floor(window / 4));
    slice = text.slice(start, start + window);
    prefix = start > 0 ? '…' : '';
    suffix = start + window < text.length ? '…' : '';
  }
  if (!terms.length) return prefix + escapeHtml(slice) + suffix;
  const re = new RegExp(terms.map(escapeRegExp).join('|'), 'gi');
  let out = '';
  let last = 0;
  for (const m of slice.matchAll(re)) {
    out += escapeHtml(slice.slice(last, m.index)) + `<em>${escapeHtml(m[0])}</em>`;
    last = m.index + m[0].length;
  }
  return prefix + out + escapeHtml(slice.slice(last)) + suffix;
}
