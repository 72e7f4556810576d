import { describe, expect, it } from 'vitest';
import { n } from './format.ts';

describe('n', () => {
  it('writes numbers as Intl.NumberFormat en-US does', () => {
    const intl = new Intl.NumberFormat('en-US');
    const values = [
      0, -0, 1, 12, 999, 1000, 1001, 12_345, 999_999, 1_000_000, 123_456_789, -1, -1234, -9_876_543,
    ];
    for (const value of [...values, Number.MAX_SAFE_INTEGER, 2 ** 60, 0.5, 1234.5678, -0.25, Number.NaN])
      expect(n(value)).toBe(intl.format(value));
    for (let i = 0; i < 2000; i++) {
      const value = Math.floor((Math.random() - 0.3) * 10 ** Math.floor(Math.random() * 15));
      expect(n(value)).toBe(intl.format(value));
    }
  });
});
