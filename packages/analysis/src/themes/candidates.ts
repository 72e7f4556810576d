import type { Conversation } from '../conversation.ts';
import { HARD_FILLER, SOFT_FILLER } from '../text/filler.ts';
import { isStopWord } from '../text/tokens.ts';
import { WORD_RUN, WordIds } from '../text/word-ids.ts';
import { PhraseTable } from './phrase-table.ts';

// Stage 1 of the theme finder, over every customer sentence and cheap: words between stop words, filler, time words
// and numbers form runs; each run gives its 1–3-word phrases. Counting them costs a regex and a few map updates per
// word, so the tagger (stage 2) only has to look at the phrases worth a theme.

const HAS_DIGIT = /\p{N}/u;
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

// Phrases are counted by number, not by string: each word gets an id once (word-ids.ts reads them without building
// strings), and a phrase is its up-to-three word ids in a typed hash table (phrase-table.ts). Where a phrase must
// be named outside the table, it is a key: the ids packed into one safe integer (base 2^17). Words past the
// 131,071st distinct one end phrases (too rare by then to be a theme).
const BASE = 2 ** 17;
const BREAK = -1;

export class Vocabulary {
  private readonly words: string[] = [];
  /** Lower-case word → id, or BREAK for a word that ends phrases. */
  readonly reader = new WordIds((word) => {
    if (breaksPhrase(word) || this.words.length >= BASE - 1) return BREAK;
    this.words.push(word);
    return this.words.length - 1;
  });

  /** The word's id, or BREAK for a word that ends phrases. */
  idOf(word: string): number {
    return this.reader.idOf(word);
  }

  /** The phrase's key, or undefined when a word is unknown or breaks phrases. */
  keyOf(phrase: string): number | undefined {
    let key = 0;
    for (const word of phrase.split(' ')) {
      const id = this.reader.peek(word);
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

/** A phrase's key from its word ids (−1 past its length). */
export const keyOfIds = (a: number, b: number, c: number): number =>
  b < 0 ? a + 1 : c < 0 ? (a + 1) * BASE + b + 1 : ((a + 1) * BASE + b + 1) * BASE + c + 1;

/** The word ids of a key: [first, second or −1, third or −1]. */
function idsOfKey(key: number): [number, number, number] {
  const ids: number[] = [];
  for (let k = key; k > 0; k = Math.floor(k / BASE)) ids.unshift((k % BASE) - 1);
  return [ids[0] ?? BREAK, ids[1] ?? BREAK, ids[2] ?? BREAK];
}

/**
 * Calls `visit` with the word ids of each 1–3-word phrase (−1 past its length) of the runs of non-break ids in
 * `ids[from .. to)`.
 */
export function forEachPhrase(
  ids: ArrayLike<number>,
  from: number,
  to: number,
  visit: (a: number, b: number, c: number) => void,
): void {
  let runStart = from;
  for (let i = from; i <= to; i++) {
    if (i < to && ids[i] !== BREAK) continue;
    for (let start = runStart; start < i; start++) {
      const a = ids[start]!;
      visit(a, BREAK, BREAK);
      if (start + 1 < i) {
        const b = ids[start + 1]!;
        visit(a, b, BREAK);
        if (MAX_PHRASE_WORDS >= 3 && start + 2 < i) visit(a, b, ids[start + 2]!);
      }
    }
    runStart = i + 1;
  }
}

/** The 1–3-word phrases of a text as strings (for tests and readers; the engine counts ids). */
export function phrasesOf(text: string): string[] {
  const vocabulary = new Vocabulary();
  const out: string[] = [];
  const n = vocabulary.reader.read(text);
  forEachPhrase(vocabulary.reader.buffer, 0, n, (a, b, c) =>
    out.push(vocabulary.phraseOf(keyOfIds(a, b, c))),
  );
  return out;
}

/**
 * The customer sentences of all calls, numbered in input order, column by column: the sentence's text, its call's
 * number among the analysed calls (the document for TF-IDF) and its number in that call.
 */
export interface CustomerSentences {
  conversations: readonly Conversation[];
  texts: string[];
  callIndex: number[];
  sentenceIndex: number[];
}

export function customerSentences(conversations: readonly Conversation[]): CustomerSentences {
  const out: CustomerSentences = { conversations, texts: [], callIndex: [], sentenceIndex: [] };
  conversations.forEach(({ texts, sides }, callIndex) => {
    for (let i = 0; i < texts.length; i++) {
      if (sides[i] !== 'external') continue;
      out.texts.push(texts[i]!);
      out.callIndex.push(callIndex);
      out.sentenceIndex.push(i);
    }
  });
  return out;
}

export interface PhraseStat {
  /** Times the phrase was said. */
  count: number;
  /** Calls that said it (document frequency). */
  calls: number;
}

/** The word ids of every sentence counted, end to end: sentence s holds ids[offsets[s] .. offsets[s + 1]). */
export interface SentenceIds {
  ids: Int32Array;
  offsets: Int32Array;
}

export class PhraseCounts {
  constructor(
    readonly table: PhraseTable,
    /** Customer words in total (the rate's denominator). */
    readonly words: number,
    /** Calls analysed (documents). */
    readonly documents: number,
  ) {}

  /** The phrase's figures by key, or undefined when it was never said. */
  statOf(key: number): PhraseStat | undefined {
    const phrase = this.table.find(...idsOfKey(key));
    return phrase < 0 ? undefined : { count: this.table.count(phrase), calls: this.table.calls(phrase) };
  }
}

/** One table update per phrase said: this loop is most of the theme finder's time. */
export function countPhrases(
  vocabulary: Vocabulary,
  sentences: CustomerSentences,
  documents: number,
): { counts: PhraseCounts; sentenceIds: SentenceIds } {
  const table = new PhraseTable();
  const reader = vocabulary.reader;
  const { texts, callIndex } = sentences;
  let ids = new Int32Array(1 << 16);
  const offsets = new Int32Array(texts.length + 1);
  let words = 0;
  for (let s = 0; s < texts.length; s++) {
    const n = reader.read(texts[s]!);
    if (words + n > ids.length) {
      const bigger = new Int32Array(Math.max(ids.length * 2, words + n));
      bigger.set(ids);
      ids = bigger;
    }
    const buffer = reader.buffer;
    for (let i = 0; i < n; i++) ids[words + i] = buffer[i]!;
    offsets[s] = words;
    const call = callIndex[s]!;
    // The runs of forEachPhrase, inlined (no closure per sentence).
    const to = words + n;
    let runEnd = words;
    for (let start = words; start < to; start++) {
      const a = ids[start]!;
      if (a === BREAK) continue;
      if (runEnd <= start) for (runEnd = start + 1; runEnd < to && ids[runEnd] !== BREAK; ) runEnd++;
      table.add(a, BREAK, BREAK, call);
      if (start + 1 >= runEnd) continue;
      const b = ids[start + 1]!;
      table.add(a, b, BREAK, call);
      if (MAX_PHRASE_WORDS >= 3 && start + 2 < runEnd) table.add(a, b, ids[start + 2]!, call);
    }
    words = to;
  }
  offsets[texts.length] = words;
  return { counts: new PhraseCounts(table, words, documents), sentenceIds: { ids, offsets } };
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
  const { table } = now;
  const phrases: number[] = [];
  const scores: number[] = [];
  for (let p = 0; p < table.size; p++) {
    const count = table.count(p);
    if (count < 2) continue;
    let previousCalls = 0;
    if (before) {
      const q = before.table.find(table.first(p), table.second(p), table.third(p));
      if (q >= 0) previousCalls = before.table.calls(q);
    }
    phrases.push(p);
    scores.push(distinctiveness(count, table.calls(p), previousCalls, documents));
  }
  // The candidates are every phrase scoring at least the limit-th best score (all ties at the cut included);
  // strings are built only for them, then they are ordered by score and alphabetically and cut to the limit.
  const cut = limit > 0 && scores.length >= limit ? Float64Array.from(scores).sort().at(-limit)! : -Infinity;
  const top: { key: number; phrase: string; score: number }[] = [];
  phrases.forEach((p, i) => {
    if (scores[i]! < cut) return;
    const key = keyOfIds(table.first(p), table.second(p), table.third(p));
    top.push({ key, phrase: vocabulary.phraseOf(key), score: scores[i]! });
  });
  top.sort((a, b) => b.score - a.score || (a.phrase < b.phrase ? -1 : a.phrase > b.phrase ? 1 : 0));
  const chosen = top.slice(0, limit);
  return { keys: chosen.map((s) => s.key), phrases: chosen.map((s) => s.phrase) };
}

/** Where the candidates were said: per candidate the sentence numbers, ascending. */
export interface Occurrences {
  sentencesOf: number[][];
}

export function locate(
  counts: PhraseCounts,
  { ids, offsets }: SentenceIds,
  candidates: readonly number[],
): Occurrences {
  const { table } = counts;
  const candidateOf = new Int32Array(table.size).fill(-1);
  // Word ids that open a candidate of two or three words: only phrases starting there are looked up in the table.
  const opens = new Uint8Array(BASE);
  candidates.forEach((key, c) => {
    const [a, b, c3] = idsOfKey(key);
    const phrase = table.find(a, b, c3);
    if (phrase < 0) return;
    candidateOf[phrase] = c;
    if (b >= 0) opens[a] = 1;
  });
  const sentencesOf: number[][] = candidates.map(() => []);
  const found = (phrase: number, sid: number) => {
    const candidate = phrase < 0 ? -1 : candidateOf[phrase]!;
    if (candidate < 0) return;
    const list = sentencesOf[candidate]!;
    if (list[list.length - 1] !== sid) list.push(sid);
  };
  // The runs of forEachPhrase, inlined: per word its single-word phrase by id, longer ones only where a candidate
  // opens.
  for (let sid = 0; sid + 1 < offsets.length; sid++) {
    const to = offsets[sid + 1]!;
    let runEnd = offsets[sid]!;
    for (let start = offsets[sid]!; start < to; start++) {
      const a = ids[start]!;
      if (a === BREAK) continue;
      if (runEnd <= start) for (runEnd = start + 1; runEnd < to && ids[runEnd] !== BREAK; ) runEnd++;
      found(table.find(a, BREAK, BREAK), sid);
      if (opens[a] === 0 || start + 1 >= runEnd) continue;
      const b = ids[start + 1]!;
      found(table.find(a, b, BREAK), sid);
      if (MAX_PHRASE_WORDS >= 3 && start + 2 < runEnd) found(table.find(a, b, ids[start + 2]!), sid);
    }
  }
  return { sentencesOf };
}
