import { describe, expect, it } from 'vitest';
import { accessKeyFor, idCodec } from './ids.ts';

describe('idCodec', () => {
  it('mints 19-digit ids that decode back to their index and never collide', () => {
    const codec = idCodec(7, 'acme', 'call');
    const ids = new Set<string>();
    for (const index of [0, 1, 2, 99, 100, 12_345, 99_999, 999_999, 1_000_000]) {
      const id = codec.encode(index);
      expect(id).toMatch(/^\d{19}$/);
      expect(codec.decode(id)).toBe(index);
      ids.add(id);
    }
    expect(ids.size).toBe(9);
  });

  it('does not decode ids of another tenant or kind', () => {
    const calls = idCodec(7, 'acme', 'call');
    expect(idCodec(7, 'globex', 'call').decode(calls.encode(5))).toBeUndefined();
    expect(calls.decode('123')).toBeUndefined();
  });

  it('makes neighbouring indexes look unrelated', () => {
    const codec = idCodec(7, 'acme', 'call');
    expect(codec.encode(1).slice(-6)).not.toBe(codec.encode(2).slice(-6));
  });

  it('derives access keys from the seed', () => {
    expect(accessKeyFor(1, 'acme', 'primary')).toBe(accessKeyFor(1, 'acme', 'primary'));
    expect(accessKeyFor(1, 'acme', 'primary')).not.toBe(accessKeyFor(2, 'acme', 'primary'));
  });
});
