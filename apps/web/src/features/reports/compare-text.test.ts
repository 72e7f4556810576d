import { describe, expect, it } from 'vitest';
import { compareText } from './compare-text.ts';

describe('compareText', () => {
  it('orders plain names exactly as the English collation does', () => {
    // Every string of up to three characters from letters in both cases, digits and a space: each pair's order.
    const alphabet = ['a', 'A', 'b', 'B', 'z', 'Z', '0', '1', '9', ' '];
    let strings = [''];
    for (let length = 0; length < 3; length++)
      strings = [
        ...strings,
        ...strings.filter((s) => s.length === length).flatMap((s) => alphabet.map((c) => s + c)),
      ];
    const collator = new Intl.Collator('en');
    const sign = (n: number) => Math.sign(n);
    let pairs = 0;
    for (const a of strings)
      for (const b of strings.slice(0, 200)) {
        pairs += 1;
        if (sign(compareText(a, b)) !== sign(collator.compare(a, b)))
          expect({ a, b, order: compareText(a, b) }).toEqual({ a, b, order: collator.compare(a, b) });
      }
    expect(pairs).toBeGreaterThan(100_000);
    const names = [
      'ada Lovelace',
      'Ada Lovelace',
      'Ada',
      'Grace Hopper',
      'ada',
      'Alan Turing',
      'Ada 2',
      'Ada10',
    ];
    expect([...names].sort(compareText)).toEqual([...names].sort(collator.compare));
  });

  it('leaves other text (accents, punctuation) to the collation', () => {
    const names = ['Émile', 'Eve', 'Zoë', "O'Brien", 'O-Brien', 'Ødegaard', 'oscar'];
    expect([...names].sort(compareText)).toEqual([...names].sort(new Intl.Collator('en').compare));
  });
});
