import { createRequire } from 'node:module';
import type { Jieba as JiebaType } from '@node-rs/jieba';

// @node-rs/jieba is a CommonJS native addon; load it with require so Jest's ESM runtime can too.
const require = createRequire(import.meta.url);
const { Jieba } = require('@node-rs/jieba') as { Jieba: typeof JiebaType };
const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };

let jieba: JiebaType | null = null;
const segmenter = (): JiebaType => (jieba ??= Jieba.withDict(dict));

/** Function words that match nearly everything and carry no meaning on their own. */
const STOPWORDS = new Set(['的', '了', '和', '与', '及', '及其', '在', '是', '等', '对', '为', '将', '并', '或', '中', '其', '之', '以']);
const WORDLIKE = /[\p{L}\p{N}]/u;

function clean(tokens: string[]): string[] {
  const out: string[] = [];
  for (const raw of tokens) {
    const t = raw.trim().toLowerCase();
    if (t && WORDLIKE.test(t) && !STOPWORDS.has(t)) out.push(t.replace(/[^\p{L}\p{N}]/gu, ''));
  }
  return out.filter(Boolean);
}

/**
 * Words of a text for the index: jieba's search mode, which adds the sub-words of long
 * words (专利技术 → 专利, 技术, 专利技术) so a query for a part still matches.
 */
export function indexWords(text: string): string[] {
  return text ? clean(segmenter().cutForSearch(text, true)) : [];
}

/**
 * A query as groups of alternatives: every group must match, any alternative of a group may.
 * The query is cut as the index is, HMM on (so a word outside the dictionary such as 菌菇 stays
 * one word, as `indexWords` stored it); each word also accepts the dictionary-only cut of its
 * characters together (菌 菇) and, when long, its sub-words together, because the same
 * characters may have been cut differently in a document's context.
 */
export function queryGroups(text: string): string[][] {
  const words = [...new Set(clean(segmenter().cut(text, true)))];
  return words.map((w) => {
    const alternatives = new Set<string>();
    const plain = clean(segmenter().cut(w, false));
    if (plain.length > 1) alternatives.add(plain.join(' '));
    const parts = w.length >= 3 ? clean(segmenter().cutForSearch(w, false)).filter((p) => p !== w && p.length > 1) : [];
    if (parts.length) alternatives.add(parts.join(' '));
    return [w, ...alternatives];
  });
}
