import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WORD_RUN, WordIds } from './word-ids.ts';

// The scanner must find exactly the words of `text.toLowerCase().match(WORD_RUN)`, with the same id for the same
// word every time (themes and questions both rely on it).

const PIECES = [
  'Price',
  'PRICE',
  "don't",
  'don’t',
  "'s",
  'İstanbul',
  'ΣΟΦΙΑ',
  'σοφία',
  'café',
  'CAFÉ',
  '价格',
  '🙂',
  'x',
];
const SEPARATORS = [' ', ', ', '. ', '? ', '-', '_', "'", '’', ''];
const text = fc
  .array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...SEPARATORS)), { maxLength: 30 })
  .map((parts) => parts.map(([w, s]) => w + s).join(''));

describe('WordIds', () => {
  it('keeps one id per word as its tables grow', () => {
    const words: string[] = [];
    const reader = new WordIds((word) => words.push(word) - 1);
    const many = Array.from({ length: 20_000 }, (_, i) => `W${i.toString(36)}`);
    const idsOf = (list: string[]) => {
      const ids: number[] = [];
      for (let i = 0; i < list.length; i += 10) {
        const n = reader.read(list.slice(i, i + 10).join(' '));
        ids.push(...reader.buffer.subarray(0, n));
      }
      return ids;
    };
    const first = idsOf(many);
    expect(idsOf(many)).toEqual(first);
    expect(words).toEqual(many.map((w) => w.toLowerCase()));
    expect(many.map((w) => reader.peek(w.toLowerCase()))).toEqual(first);
  });

  it('reads the words of toLowerCase + WORD_RUN, one id per distinct word', { timeout: 60_000 }, () => {
    const words: string[] = [];
    const reader = new WordIds((word) => words.push(word) - 1);
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ unit: 'grapheme', maxLength: 40 })), (sentence) => {
        const n = reader.read(sentence);
        const read = Array.from(reader.buffer.subarray(0, n), (id) => words[id]);
        expect(read).toEqual(sentence.toLowerCase().match(WORD_RUN) ?? []);
        expect(new Set(words).size).toBe(words.length);
      }),
      { numRuns: 3000 },
    );
  });
});
