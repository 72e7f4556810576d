import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TrackerMatcher } from './matcher.ts';

// The reference: for each tracker separately, walk the folded text position by position; at each position try
// the tracker's phrases longest first with a plain substring compare and a regex word-boundary test; on a match
// count it and jump past it. Slow and obvious — the automaton must agree with it on any text.
const WORD = /[\p{L}\p{N}\p{M}_]/u;
const isWord = (text: string, i: number) => i >= 0 && i < text.length && WORD.test(text.charAt(i));

function naiveCounts(text: string, trackers: string[][]): number[][] {
  const folded = text.toLowerCase();
  return trackers.map((phrases) => {
    const counts = phrases.map(() => 0);
    const order = phrases
      .map((p, index) => ({ p: p.toLowerCase(), index }))
      .sort((a, b) => b.p.length - a.p.length || a.index - b.index);
    let i = 0;
    while (i < folded.length) {
      const hit = order.find(({ p }) => {
        if (!folded.startsWith(p, i)) return false;
        const end = i + p.length;
        const leftOk = !isWord(p, 0) || !isWord(folded, i - 1);
        const rightOk = !isWord(p, p.length - 1) || !isWord(folded, end);
        return leftOk && rightOk;
      });
      if (hit) {
        counts[hit.index]!++;
        i += hit.p.length;
      } else i++;
    }
    return counts;
  });
}

const VOCAB = ['next', 'step', 'steps', 'price', 'pricé', 'a', 'ab', 'b', 'ba', 'c++', '价格', 'Ça'];
const SEPARATORS = [' ', ' ', ' ', ', ', '. ', '? ', '-', '_', '', '🙂', "'"];
const phrase = fc
  .array(fc.constantFrom(...VOCAB), { minLength: 1, maxLength: 3 })
  .map((ws) => ws.join(' '))
  .chain((p) => fc.constantFrom(p, p.toUpperCase()));
const text = fc
  .array(fc.tuple(fc.constantFrom(...VOCAB), fc.constantFrom(...SEPARATORS), fc.boolean()), { maxLength: 40 })
  .map((parts) => parts.map(([w, sep, upper]) => (upper ? w.toUpperCase() : w) + sep).join(''));
const trackers = fc.array(
  fc.uniqueArray(phrase, { minLength: 1, maxLength: 5, selector: (p) => p.toLowerCase() }),
  {
    minLength: 1,
    maxLength: 4,
  },
);

describe('TrackerMatcher against a naive reference', () => {
  it('counts the same per tracker and phrase on random text', () => {
    fc.assert(
      fc.property(trackers, text, (lists, sentence) => {
        const matcher = new TrackerMatcher(
          lists.map((phrases, t) => ({
            name: `t${t}`,
            phrases: phrases.map((p) => ({ phrase: p, synonyms: [] })),
          })),
        );
        const counts = lists.map((phrases) => phrases.map(() => 0));
        for (const { tracker, phrase: p } of matcher.matchSentence(sentence)) counts[tracker]![p]!++;
        expect(counts).toEqual(naiveCounts(sentence, lists));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the reference on arbitrary Unicode text (accents, CJK, emoji, combining marks)', () => {
    const lists = [['a', 'é', 'ß'], ['价']];
    const matcher = new TrackerMatcher(
      lists.map((phrases, t) => ({
        name: `t${t}`,
        phrases: phrases.map((p) => ({ phrase: p, synonyms: [] })),
      })),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (sentence) => {
        const counts = lists.map((phrases) => phrases.map(() => 0));
        for (const { tracker, phrase: p } of matcher.matchSentence(sentence)) counts[tracker]![p]!++;
        expect(counts).toEqual(naiveCounts(sentence, lists));
      }),
      { numRuns: 2000 },
    );
  });
});
