import type { Conversation, SpokenSentence } from '../conversation.ts';
import { HARD_FILLER, SOFT_FILLER } from '../text/filler.ts';
import { isStopWord } from '../text/tokens.ts';

// Stage 1 of the theme finder, over every customer sentence and cheap: words between stop words, filler, time words
// and numbers form runs; each run gives its 1–3-word phrases. Counting them costs a regex and a few map updates per
// word, so the tagger (stage 2) only has to look at the phrases worth a theme.

const WORD_RUN = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;
const HAS_DIGIT = /\p{N}/u;
const lowerWords = (text: string): string[] => text.toLowerCase().match(WORD_RUN) ?? [];
export const MAX_PHRASE_WORDS = 3;

/** The sentence's words in lower case and where each sits in the text (for the tagger and for display). */
export interface SentenceWords {
  lower: string[];
  spans: [number, number][];
}

export function wordsOf(text: string): SentenceWords {
  const lower: string[] = [];
  const spans: [number, number][] = [];
  for (const match of text.matchAll(WORD_RUN)) {
    lower.push(match[0].toLowerCase());
    spans.push([match.index, match.index + match[0].length]);
  }
  return { lower, spans };
}

/** A word that ends a phrase: stop word, filler, time word, anything with a digit, or a single letter. */
export function breaksPhrase(word: string): boolean {
  return (
    word.length < 2 ||
    isStopWord(word) ||
    HARD_FILLER.has(word) ||
    SOFT_FILLER.has(word) ||
    HAS_DIGIT.test(word)
  );
}

// Phrases are counted by number, not by string: each word gets an id once, and a phrase of up to three words packs
// its ids into one safe integer (base 2^17), so counting costs one map lookup per word and one per phrase with no
// string building. Words past the 131,071st distinct one end phrases (too rare by then to be a theme).
const BASE = 2 ** 17;
const BREAK = -1;

export class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];

  /** The word's id, or BREAK for a word that ends phrases. */
  idOf(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = breaksPhrase(word) || this.words.length >= BASE - 1 ? BREAK : this.words.length;
      if (id !== BREAK) this.words.push(word);
      this.ids.set(word, id);
    }
    return id;
  }

  idsOf(words: readonly string[]): number[] {
    return words.map((w) => this.idOf(w));
  }

  /** The phrase's key, or undefined when a word is unknown or breaks phrases. */
  keyOf(phrase: string): number | undefined {
    let key = 0;
    for (const word of phrase.split(' ')) {
      const id = this.ids.get(word);
      if (id === undefined || id === BREAK) return undefined;
      key = key * BASE + id + 1;
    }
    return key;
  }

  phraseOf(key: number): string {
    const parts: string[] = [];
    for (let k = key; k > 0; k = Math.floor(k / BASE)) parts.unshift(this.words[(k % BASE) - 1]!);
    return parts.join(' ');
  }
}

/** Calls `visit` with the key of each 1–3-word phrase of the runs of non-break ids. */
export function forEachPhraseKey(ids: readonly number[], visit: (key: number) => void): void {
  let runStart = 0;
  for (let i = 0; i <= ids.length; i++) {
    if (i < ids.length && ids[i] !== BREAK) continue;
    for (let start = runStart; start < i; start++) {
      let key = ids[start]! + 1;
      visit(key);
      for (let n = 2; n <= MAX_PHRASE_WORDS && start + n <= i; n++) {
        key = key * BASE + ids[start + n - 1]! + 1;
        visit(key);
      }
    }
    runStart = i + 1;
  }
}

/** The 1–3-word phrases of a text as strings (for tests and readers; the engine counts keys). */
export function phrasesOf(text: string): string[] {
  const vocabulary = new Vocabulary();
  const out: string[] = [];
  forEachPhraseKey(vocabulary.idsOf(lowerWords(text)), (key) => out.push(vocabulary.phraseOf(key)));
  return out;
}

/** A customer sentence with its call, numbered in input order. */
export interface CustomerSentence {
  conversation: Conversation;
  sentence: SpokenSentence;
  /** Index of the call among the analysed calls (documents for TF-IDF). */
  callIndex: number;
  /** Its word ids, computed once by countPhrases and reused by locate. */
  ids?: number[];
}

export function customerSentences(conversations: readonly Conversation[]): CustomerSentence[] {
  const out: CustomerSentence[] = [];
  conversations.forEach((conversation, callIndex) => {
    for (const sentence of conversation.sentences) {
      if (sentence.side === 'external') out.push({ conversation, sentence, callIndex });
    }
  });
  return out;
}

export interface PhraseStat {
  /** Times the phrase was said. */
  count: number;
  /** Calls that said it (document frequency). */
  calls: number;
  /** The call that counted it last: a phrase adds to `calls` once per call without a per-call set. */
  lastCall: number;
}

export interface PhraseCounts {
  stats: Map<number, PhraseStat>;
  /** Customer words in total (the rate's denominator). */
  words: number;
  /** Calls analysed (documents). */
  documents: number;
}

/** One map update per phrase said: this loop is most of the theme finder's time. */
export function countPhrases(
  vocabulary: Vocabulary,
  sentences: readonly CustomerSentence[],
  documents: number,
  keepIds = false,
): PhraseCounts {
  const stats = new Map<number, PhraseStat>();
  let words = 0;
  for (const item of sentences) {
    const lower = lowerWords(item.sentence.text);
    const ids = vocabulary.idsOf(lower);
    if (keepIds) item.ids = ids;
    words += lower.length;
    const callIndex = item.callIndex;
    forEachPhraseKey(ids, (key) => {
      const stat = stats.get(key);
      if (!stat) stats.set(key, { count: 1, calls: 1, lastCall: callIndex });
      else {
        stat.count++;
        if (stat.lastCall !== callIndex) {
          stat.lastCall = callIndex;
          stat.calls++;
        }
      }
    });
  }
  return { stats, words, documents };
}

/** TF-IDF with the calls of both periods as documents: what this period says often and other calls seldom. */
export function distinctiveness(
  count: number,
  calls: number,
  previousCalls: number,
  documents: number,
): number {
  return count * Math.log(1 + documents / Math.max(1, calls + previousCalls));
}

/**
 * The phrases worth tagging: said at least twice, ranked by distinctiveness against all calls of both periods,
 * the first `limit`. Ties break alphabetically so the choice is deterministic.
 */
export function topCandidates(
  vocabulary: Vocabulary,
  now: PhraseCounts,
  before: PhraseCounts | null,
  limit: number,
): { keys: number[]; phrases: string[] } {
  const documents = now.documents + (before?.documents ?? 0);
  const scored: { key: number; phrase: string; score: number }[] = [];
  for (const [key, stat] of now.stats) {
    if (stat.count < 2) continue;
    const score = distinctiveness(stat.count, stat.calls, before?.stats.get(key)?.calls ?? 0, documents);
    scored.push({ key, phrase: '', score });
  }
  // Ties broken alphabetically, not by word ids (which follow input order): phrases are only built for the
  // tied block at the cut and the chosen ones.
  scored.sort((a, b) => b.score - a.score || a.key - b.key);
  const cut = scored[limit - 1]?.score;
  const top = scored.filter((s, i) => i < limit || s.score === cut);
  for (const s of top) s.phrase = vocabulary.phraseOf(s.key);
  top.sort((a, b) => b.score - a.score || (a.phrase < b.phrase ? -1 : a.phrase > b.phrase ? 1 : 0));
  const chosen = top.slice(0, limit);
  return { keys: chosen.map((s) => s.key), phrases: chosen.map((s) => s.phrase) };
}

/** Where the candidates were said: per candidate the sentence numbers, ascending. */
export interface Occurrences {
  sentencesOf: number[][];
}

export function locate(
  vocabulary: Vocabulary,
  sentences: readonly CustomerSentence[],
  candidates: readonly number[],
): Occurrences {
  const index = new Map(candidates.map((key, i) => [key, i]));
  const sentencesOf: number[][] = candidates.map(() => []);
  sentences.forEach((item, sid) => {
    forEachPhraseKey(item.ids ?? vocabulary.idsOf(lowerWords(item.sentence.text)), (key) => {
      const c = index.get(key);
      if (c === undefined) return;
      const list = sentencesOf[c]!;
      if (list[list.length - 1] !== sid) list.push(sid);
    });
  });
  return { sentencesOf };
}
