import { createRequire } from 'node:module';
import type winkNLP from 'wink-nlp';

// Part-of-speech tags and lemmas from wink-nlp with its English lite model (both npm packages; the model's data ships
// inside the package and loads with it, nothing is fetched). Only the tagger runs (no entity or sentiment pipes),
// and only on the few sentences the theme finder samples, since tagging is ~20× slower than the rest of analyze().

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | undefined;

// Loaded on first use, not on import: the model parses ~3.5 MB of JSON, and processes that import this package only
// for its templates (the API server's STARTER_TRACKERS) never tag anything.
const load = createRequire(import.meta.url);

/** The model takes ~0.3 s to load: once per process (the worker's analysis thread), on first use. */
function tagger(): Nlp {
  if (!nlp) {
    const wink = load('wink-nlp') as typeof winkNLP;
    nlp = wink(load('wink-eng-lite-web-model') as Parameters<typeof winkNLP>[0], ['pos']);
  }
  return nlp;
}

export interface TaggedWord {
  /** Universal POS tag: NOUN, PROPN, ADJ, VERB, … */
  pos: string;
  /** Lower-case lemma ("reviews" → "review"); the word itself when the tagger split it ("don't"). */
  lemma: string;
  stopWord: boolean;
}

/**
 * Tags a sentence and aligns the tags to `spans`, the sentence's own words as [start, end) offsets (the engine's
 * tokeniser, not wink's). A word wink splits (contractions) takes its last piece's tag. Null when wink's tokens
 * cannot be found in the text in order (it normalised something), so the caller skips this sample.
 */
export function tagWords(text: string, spans: readonly (readonly [number, number])[]): TaggedWord[] | null {
  const { its } = tagger();
  const doc = tagger().readDoc(text);
  const tokens = doc.tokens();
  const values = tokens.out();
  const pos = tokens.out(its.pos);
  // wink types its.lemma as an item helper though tokens().out() takes it like any other.
  const lemmas = tokens.out(its.lemma as unknown as typeof its.normal);
  const stops = tokens.out(its.stopWordFlag) as unknown as boolean[];
  const tagged: (TaggedWord | undefined)[] = new Array(spans.length);
  let cursor = 0;
  let word = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    const at = text.indexOf(value, cursor);
    if (at < 0) return null;
    cursor = at + value.length;
    while (word < spans.length && spans[word]![1] <= at) word++;
    // Every word this wink token overlaps: a hyphenated wink token covers two of ours ("multi-year").
    for (let j = word; j < spans.length && spans[j]![0] < cursor; j++) {
      const [start, end] = spans[j]!;
      const whole = start === at && end === cursor;
      tagged[j] = {
        pos: pos[i] ?? 'X',
        lemma: whole ? (lemmas[i] ?? value).toLowerCase() : text.slice(start, end).toLowerCase(),
        stopWord: Boolean(stops[i]),
      };
    }
  }
  return tagged.every((t) => t !== undefined) ? (tagged as TaggedWord[]) : null;
}
