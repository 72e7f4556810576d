// Deterministic randomness: every generated record derives its own PRNG from (seed, labels…), so any call
// can be produced on demand in O(1) without generating the ones before it.

/** 32-bit FNV-1a over the labels, mixed with the seed; stable across runs and platforms. */
export function hashOf(seed: number, ...labels: (string | number)[]): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (const label of labels) {
    const text = `${label}\u0000`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return finalize(h);
}

// murmur3 finalizer: spreads FNV's weak low bits so consecutive indexes give unrelated values.
function finalize(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

/** mulberry32: tiny, fast and good enough for fixtures (not for secrets that must resist guessing). */
export function randomFrom(seed: number, ...labels: (string | number)[]): Random {
  let state = hashOf(seed, ...labels);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
    chance: (probability) => next() < probability,
  };
}

/** Unit float in [0, 1) straight from a hash, for per-index facts that must be cheap to scan (100k calls). */
export function unitOf(seed: number, ...labels: (string | number)[]): number {
  return hashOf(seed, ...labels) / 4294967296;
}
