// Interns sequences of small integers (a question's token ids, its word ids) to dense numbers in order of first
// sight, in typed arrays: a Map keyed by a string built per sequence cost a string, its hash and a map entry per
// question, and nearly every question of a large corpus is new. Sequences sit end to end in one pool.
import { grown } from './grown.ts';

const HASH_SEED = 0x811c9dc5 | 0;

export class SequenceTable {
  private slots = new Int32Array(1 << 12);
  private hashes = new Int32Array(1 << 10);
  /** Sequence s is pool[starts[s] .. starts[s + 1]). */
  starts = new Int32Array(1 << 10);
  pool = new Int32Array(1 << 12);
  /** Sequences held. */
  size = 0;

  constructor() {
    this.starts[0] = 0;
  }

  /** The number of `values[0 .. length)`: an existing one, or `size` before the call when it is new. */
  idOf(values: Int32Array, length: number): number {
    let hash = HASH_SEED ^ length;
    for (let i = 0; i < length; i++) hash = Math.imul(hash ^ values[i]!, 0x01000193);
    hash ^= hash >>> 15;
    const mask = this.slots.length - 1;
    const { pool, starts } = this;
    let slot = hash & mask;
    for (; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]! - 1;
      if (entry < 0) break;
      if (this.hashes[entry] !== hash) continue;
      const from = starts[entry]!;
      if (starts[entry + 1]! - from !== length) continue;
      let same = true;
      for (let i = 0; i < length && same; i++) same = pool[from + i] === values[i];
      if (same) return entry;
    }
    const entry = this.size++;
    if (this.size + 1 > this.starts.length) {
      this.starts = grown(this.starts, this.size + 1);
      this.hashes = grown(this.hashes, this.size + 1);
    }
    const from = this.starts[entry]!;
    if (from + length > this.pool.length) this.pool = grown(this.pool, from + length);
    for (let i = 0; i < length; i++) this.pool[from + i] = values[i]!;
    this.starts[entry + 1] = from + length;
    this.hashes[entry] = hash;
    this.slots[slot] = entry + 1;
    if (this.size * 2 > this.slots.length) this.rehash();
    return entry;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    for (let entry = 0; entry < this.size; entry++) {
      let slot = this.hashes[entry]! & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = entry + 1;
    }
  }
}
