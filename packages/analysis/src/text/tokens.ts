import { STOP_WORDS } from './stop-words.ts';

// Stop words and a light suffix stemmer for questions and themes (words are split by text/word-ids.ts). Written
// here rather than taken from the tagger: byte-for-byte deterministic and cheap on every question.

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/**
 * A light English stemmer (plural and verb endings only), enough for "prices"/"price" and "integrates"/
 * "integrating" to meet when grouping questions. Words of other scripts are returned unchanged.
 */
export function stem(word: string): string {
  const w = word.replace(/['’]s$/, '');
  if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ing') && w.length > 5) return w.slice(0, -3);
  if (w.endsWith('ed') && w.length > 4) return w.slice(0, -2);
  if (w.endsWith('es') && /(ss|x|ch|sh)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) return w.slice(0, -1);
  if (w.endsWith('e')) return w.slice(0, -1);
  return w;
}
