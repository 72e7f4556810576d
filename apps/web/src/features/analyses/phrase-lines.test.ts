import { describe, expect, it } from 'vitest';
import { formatPhraseLines, parsePhraseLines } from './phrase-lines.ts';

describe('phrase lines', () => {
  it('reads one phrase per line with its synonyms after a colon, skipping blank lines', () => {
    expect(parsePhraseLines('Chorus: Chorus.ai , chorus ai\n\n  Clari  \nprice:\n')).toEqual({
      phrases: [
        { phrase: 'Chorus', synonyms: ['Chorus.ai', 'chorus ai'] },
        { phrase: 'Clari', synonyms: [] },
        { phrase: 'price', synonyms: [] },
      ],
      lines: [1, 3, 4],
    });
  });

  it('keeps an empty phrase so the schema can say what is wrong with that line', () => {
    expect(parsePhraseLines(': alias').phrases).toEqual([{ phrase: '', synonyms: ['alias'] }]);
  });

  it('writes back what it reads', () => {
    const text = 'Chorus: Chorus.ai, chorus ai\nClari';
    expect(formatPhraseLines(parsePhraseLines(text).phrases)).toBe(text);
  });
});
