// Deterministic randomness: every generated record derives its own PRNG from (seed, labels…), so any call
// can be produced on demand in O(1) without generating the ones before it. Hot paths (100,000 calls) mix
// numbers as integers rather than formatting them as strings.

const FNV_PRIME = 0x01000193;

function mixLabel(hash: number, label: string | number): number {
  let h = hash;
  if (typeof label === 'number') {
    // Two 32-bit halves cover every safe integer index.
    h = Math.imul(h ^ (label >>> 0), FNV_PRIME);
    h = Math.imul(h ^ Math.floor(label / 4294967296), FNV_PRIME);
    return Math.imul(h ^ 0xff, FNV_PRIME);
  }
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), FNV_PRIME);
  return Math.imul(h, FNV_PRIME); // separator, so ('ab','c') differs from ('a','bc')
}

/** 32-bit FNV-1a over the labels, seeded and finalized; stable across runs and platforms. */
export function hashOf(seed: number, ...labels: (string | number)[]): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (const label of labels) h = mixLabel(h, label);
  return finalize(h);
}

// murmur3 finalizer: spreads FNV's weak low bits so consecutive indexes give unrelated values.
export function finalize(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: tiny, fast and good enough for fixtures (not for secrets that must resist guessing). */
export class Random {
  private state: number;

  constructor(state: number) {
    this.state = state >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}

export function randomFrom(seed: number, ...labels: (string | number)[]): Random {
  return new Random(hashOf(seed, ...labels));
}

/** Unit float in [0, 1) straight from a hash, for per-index facts that must be cheap to scan (100k calls). */
export function unitOf(seed: number, ...labels: (string | number)[]): number {
  return hashOf(seed, ...labels) / 4294967296;
}
