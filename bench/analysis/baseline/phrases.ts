import { isStopWord, words } from './tokens.ts';

/**
 * Key-phrase candidates of a sentence: runs of 1–3 consecutive words that contain no stop word, so phrases
 * never begin or end with "the"/"and" and never bridge two thoughts. Pure numbers are dropped as well.
 */
export function phrasesOf(text: string): { phrases: string[]; wordCount: number } {
  const all = words(text);
  const phrases: string[] = [];
  let run: string[] = [];
  const flush = () => {
    for (let i = 0; i < run.length; i++) {
      for (let n = 1; n <= 3 && i + n <= run.length; n++) phrases.push(run.slice(i, i + n).join(' '));
    }
    run = [];
  };
  for (const word of all) {
    if (isStopWord(word) || /^\p{N}+$/u.test(word)) flush();
    else run.push(word);
  }
  flush();
  return { phrases, wordCount: all.length };
}
