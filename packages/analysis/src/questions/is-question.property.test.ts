import fc from 'fast-check';
import { describe, it } from 'vitest';
import { isQuestion } from './is-question.ts';

// The reference: the rule as two regexes over the whole sentence (how it was first written). isQuestion reads the
// sentence from its end instead and must agree on any text, white space, closing quotes and surrogates included.
const QUESTION_END = /[?？؟]["'”’)\]]*\s*$/u;
const OTHER_END = /[.!。！…]["'”’)\]]*\s*$/u;
const OPENERS = new Set(
  `what when where which who whom whose why how can could would will shall should do does did is are was were
  have has had may might am isn't aren't don't doesn't didn't can't won't wouldn't couldn't shouldn't`.split(
    /\s+/,
  ),
);

function reference(text: string): boolean {
  if (QUESTION_END.test(text)) return true;
  if (OTHER_END.test(text)) return false;
  const first = text
    .trim()
    .toLowerCase()
    .match(/^[\p{L}']+/u)?.[0];
  return first !== undefined && OPENERS.has(first);
}

const PIECES = [
  ...['?', '？', '؟', '.', '!', '。', '！', '…', '"', "'", '”', '’', ')', ']', '(', '[', ','],
  ...[' ', '\t', '\n', '\u00a0', '\u2003', '\u2028', '\ufeff', '\u200b'],
  ...['who', 'Is', 'can', 'price', 'x', '😀', '\ud83d', "don't"],
];

describe('isQuestion', () => {
  it('agrees with the regex form of the rule on sentences built from endings, spaces and words', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }), (pieces) => {
        const text = pieces.join('');
        return isQuestion(text) === reference(text);
      }),
      { numRuns: 5_000 },
    );
  });

  it('agrees with the regex form of the rule on arbitrary UTF-16 text', () => {
    // Any code units, lone surrogates included (built from integers: fast-check's full-Unicode string arbitrary
    // spends seconds building its tables on first use).
    const text = fc
      .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 })
      .map((codes) => String.fromCharCode(...codes));
    fc.assert(
      fc.property(text, (t) => isQuestion(t) === reference(t)),
      { numRuns: 2_000 },
    );
  });
});
