import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF with embedded (Identity-H) fonts, as pdfkit writes it: the content streams'
 * `TJ`/`Tj` glyph codes mapped back to Unicode through the fonts' ToUnicode CMaps. Enough to
 * assert what a generated document says, without a PDF toolchain on the machine.
 */
export function pdfText(pdf: Buffer): string {
  const latin = pdf.toString('latin1');
  const streams: string[] = [];
  for (const m of latin.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = latin.indexOf('endstream', start);
    const raw = pdf.subarray(start, end);
    try {
      streams.push(inflateSync(raw).toString('latin1'));
    } catch {
      streams.push(raw.toString('latin1'));
    }
  }
  const toUnicode = new Map<number, string>();
  const hex = (h: string) => parseInt(h, 16);
  const chars = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map(hex));
  for (const s of streams.filter((x) => x.includes('begincmap'))) {
    for (const [, lo, , list] of s.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g)) {
      [...list.matchAll(/<([0-9a-fA-F]+)>/g)].forEach(([, u], i) => toUnicode.set(hex(lo) + i, chars(u)));
    }
    for (const [, block] of s.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const [, code, u] of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) toUnicode.set(hex(code), chars(u));
    }
  }
  const lines: string[] = [];
  for (const s of streams.filter((x) => /T[Jj]/.test(x) && !x.includes('begincmap'))) {
    for (const [, ops] of s.matchAll(/\[((?:<[0-9a-fA-F]*>|[\s\d.-])*)\]\s*TJ/g)) {
      lines.push(
        [...ops.matchAll(/<([0-9a-fA-F]*)>/g)]
          .map(([, h]) => (h.match(/.{4}/g) ?? []).map((g) => toUnicode.get(hex(g)) ?? '').join(''))
          .join(''),
      );
    }
  }
  return lines.join('\n');
}
