import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const iconv = require('iconv-lite') as { decode(buf: Buffer, enc: string): string };

/**
 * Decodes a text file (CSV) the way spreadsheets in China save it: UTF-8 (with or without BOM),
 * UTF-16 with BOM, or GB18030/GBK (Excel's "CSV" on a Chinese Windows). Null when it is not text
 * in any of these (control characters or replacement marks), so callers refuse it in their own
 * words rather than import mojibake. The one decoder of uploaded tables (catalog imports, official
 * status lists).
 */
export function decodeSpreadsheetText(buf: Buffer): string | null {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  if (buf[0] === 0xff && buf[1] === 0xfe) return iconv.decode(buf.subarray(2), 'utf16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) return iconv.decode(buf.subarray(2), 'utf16be');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    text = iconv.decode(buf, 'gb18030');
  }
  // eslint-disable-next-line no-control-regex -- detecting control characters is the point
  return /[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text) ? null : text;
}
