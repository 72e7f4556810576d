import { type TaggedWord, tagWords } from '../text/tagger.ts';
import type { CustomerSentences, Occurrences } from './candidates.ts';
import { wordsOf } from './candidates.ts';

// Stage 2: which candidate phrases are noun phrases, and their lemmas. The tagger reads a few sentences where each
// candidate was said (the first SAMPLES, in input order) and a candidate is kept when, in most of them, its words
// are nouns or proper nouns with optional adjectives before them, the last being a noun ("security reviews",
// "SSO integration"; not "wants better", not "sounds"). Candidates with the same lemmas become one phrase.

const SAMPLES = 5;
const NOUNS = new Set(['NOUN', 'PROPN']);
const MODIFIERS = new Set(['NOUN', 'PROPN', 'ADJ']);

export interface NounPhrase {
  /** Lemmas joined by spaces: "security review". */
  key: string;
  words: number;
  /** As customers said it, cased as in the transcript for acronyms and names ("SSO integration"). */
  display: string;
  /** The lower-case wordings (candidates) merged into it. */
  wordings: string[];
  /** Sentence numbers where it was said, ascending. */
  sentences: number[];
  /** The first sentence it was seen in as a noun phrase, and where its words sit in it. */
  sample: { sid: number; start: number; length: number };
}

interface Tagged {
  text: string;
  lower: string[];
  spans: [number, number][];
  tags: TaggedWord[];
}

function indexOfWords(haystack: readonly string[], needle: readonly string[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

// What may follow a plural noun but not a verb in the third person: "audit logs were missing", "audit logs for
// every action" (the lite model tags that "logs" VERB after a noun three times in four).
const AFTER_PLURAL = new Set(['ADP', 'PUNCT', 'AUX', 'CCONJ', 'SCONJ']);

function isNounPhrase(
  words: readonly string[],
  tags: readonly TaggedWord[],
  next: TaggedWord | undefined,
): boolean {
  const last = tags[tags.length - 1];
  const beforeLast = tags[tags.length - 2];
  if (!last) return false;
  const pluralTaggedVerb =
    last.pos === 'VERB' &&
    beforeLast !== undefined &&
    NOUNS.has(beforeLast.pos) &&
    words[words.length - 1]!.endsWith('s') &&
    (next === undefined || AFTER_PLURAL.has(next.pos));
  if (!NOUNS.has(last.pos) && !pluralTaggedVerb) return false;
  return tags.every(
    (t, i) => (MODIFIERS.has(t.pos) || (i === tags.length - 1 && pluralTaggedVerb)) && !t.stopWord,
  );
}

/** Keeps the transcript's case for acronyms and mid-sentence names, lower-cases the rest. */
export function casedWord(text: string, wordIndex: number): string {
  const rest = text.slice(1);
  if (rest !== rest.toLowerCase()) return text;
  if (wordIndex > 0 && text[0] !== text[0]!.toLowerCase()) return text;
  return text.toLowerCase();
}

export function nounPhrases(
  candidates: readonly string[],
  occurrences: Occurrences,
  sentences: CustomerSentences,
): NounPhrase[] {
  const cache = new Map<number, Tagged | null>();
  const tagged = (sid: number): Tagged | null => {
    if (cache.has(sid)) return cache.get(sid) ?? null;
    const text = sentences.texts[sid]!;
    const { lower, spans } = wordsOf(text);
    const tags = tagWords(text, spans);
    const value = tags ? { text, lower, spans, tags } : null;
    cache.set(sid, value);
    return value;
  };
  const byKey = new Map<string, NounPhrase>();
  candidates.forEach((candidate, c) => {
    const words = candidate.split(' ');
    let votes = 0;
    let seen = 0;
    let first: { sid: number; start: number; sentence: Tagged } | undefined;
    const samples = occurrences.sentencesOf[c]!.slice(0, SAMPLES);
    for (let i = 0; i < samples.length; i++) {
      // Stop tagging once the rest of the samples cannot change the verdict (the rule is a majority of the samples
      // the words were found in): kept even if every remaining sample is found and votes no, or dropped even if
      // every remaining one votes yes. The first sample that voted yes is already chosen either way.
      const rest = samples.length - i;
      if (votes * 2 > seen + rest || (votes + rest) * 2 <= seen + rest) break;
      const sid = samples[i]!;
      const sentence = tagged(sid);
      if (!sentence) continue;
      const start = indexOfWords(sentence.lower, words);
      if (start < 0) continue;
      seen++;
      const tags = sentence.tags.slice(start, start + words.length);
      if (!isNounPhrase(words, tags, sentence.tags[start + words.length])) continue;
      votes++;
      first ??= { sid, start, sentence };
    }
    if (!first || votes * 2 <= seen) return;
    const { sentence, start } = first;
    // A plural the tagger took for a verb keeps its -s off through the verb lemma ("logs" → "log").
    const key = sentence.tags
      .slice(start, start + words.length)
      .map((t) => t.lemma)
      .join(' ');
    const existing = byKey.get(key);
    if (existing) {
      existing.wordings.push(candidate);
      existing.sentences = union(existing.sentences, occurrences.sentencesOf[c]!);
      return;
    }
    const display = sentence.spans
      .slice(start, start + words.length)
      .map(([from, to], i) => casedWord(sentence.text.slice(from, to), start + i))
      .join(' ');
    byKey.set(key, {
      key,
      words: words.length,
      display,
      wordings: [candidate],
      sentences: occurrences.sentencesOf[c]!,
      sample: { sid: first.sid, start, length: words.length },
    });
  });
  return [...byKey.values()];
}

/** Union of two ascending lists. */
export function union(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x < y)) {
      out.push(x!);
      i++;
    } else if (x === undefined || y < x) {
      out.push(y);
      j++;
    } else {
      out.push(x);
      i++;
      j++;
    }
  }
  return out;
}
