// Counts of 1–3-word phrases keyed by their word ids, in typed arrays: the theme finder adds one phrase per word
// and length said, so a Map keyed by a packed number (a heap number per 2- or 3-word key) and an object per phrase
// were most of its garbage. A phrase's ids and figures sit side by side (one cache line), single words are found
// by their id without hashing, and phrases get dense numbers in order of first sight.
import { grown } from '../text/grown.ts';

const NONE = -1;
/** Per phrase: first, second, third word id (−1 past its length), count, calls, last call. */
const STRIDE = 6;
const COUNT = 3;
const CALLS = 4;
const LAST_CALL = 5;

export class PhraseTable {
  private slots = new Int32Array(1 << 14);
  /** Phrase number + 1 of each single word, by word id (0 = not seen). */
  private singles = new Int32Array(1 << 12);
  private data = new Int32Array(STRIDE << 12);
  /** Phrases held. */
  size = 0;

  first(phrase: number): number {
    return this.data[phrase * STRIDE]!;
  }
  second(phrase: number): number {
    return this.data[phrase * STRIDE + 1]!;
  }
  third(phrase: number): number {
    return this.data[phrase * STRIDE + 2]!;
  }
  /** Times said. */
  count(phrase: number): number {
    return this.data[phrase * STRIDE + COUNT]!;
  }
  /** Calls that said it (document frequency). */
  calls(phrase: number): number {
    return this.data[phrase * STRIDE + CALLS]!;
  }

  /** Counts the phrase (`b`, `c` = −1 when shorter) once more, said in call `callIndex`. */
  add(a: number, b: number, c: number, callIndex: number): void {
    let phrase: number;
    let slot = -1;
    if (b < 0) {
      if (a >= this.singles.length) this.singles = grown(this.singles, a + 1);
      phrase = this.singles[a]! - 1;
    } else {
      const mask = this.slots.length - 1;
      for (slot = hashOf(a, b, c) & mask; ; slot = (slot + 1) & mask) {
        phrase = this.slots[slot]! - 1;
        if (phrase < 0) break;
        const at = phrase * STRIDE;
        if (this.data[at] === a && this.data[at + 1] === b && this.data[at + 2] === c) break;
      }
    }
    if (phrase >= 0) {
      const at = phrase * STRIDE;
      this.data[at + COUNT]!++;
      if (this.data[at + LAST_CALL] !== callIndex) {
        this.data[at + LAST_CALL] = callIndex;
        this.data[at + CALLS]!++;
      }
      return;
    }
    phrase = this.size++;
    if ((phrase + 1) * STRIDE > this.data.length) this.data = grown(this.data, (phrase + 1) * STRIDE);
    const at = phrase * STRIDE;
    this.data[at] = a;
    this.data[at + 1] = b;
    this.data[at + 2] = c;
    this.data[at + COUNT] = 1;
    this.data[at + CALLS] = 1;
    this.data[at + LAST_CALL] = callIndex;
    if (b < 0) this.singles[a] = phrase + 1;
    else {
      this.slots[slot] = phrase + 1;
      if (this.size * 2 > this.slots.length) this.rehash();
    }
  }

  /** The phrase's number, or −1. */
  find(a: number, b: number, c: number): number {
    if (b < 0) return a >= 0 && a < this.singles.length ? this.singles[a]! - 1 : NONE;
    const mask = this.slots.length - 1;
    for (let slot = hashOf(a, b, c) & mask; ; slot = (slot + 1) & mask) {
      const phrase = this.slots[slot]! - 1;
      if (phrase < 0) return NONE;
      const at = phrase * STRIDE;
      if (this.data[at] === a && this.data[at + 1] === b && this.data[at + 2] === c) return phrase;
    }
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    for (let phrase = 0; phrase < this.size; phrase++) {
      const at = phrase * STRIDE;
      if (this.data[at + 1]! < 0) continue;
      let slot = hashOf(this.data[at]!, this.data[at + 1]!, this.data[at + 2]!) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = phrase + 1;
    }
  }
}

function hashOf(a: number, b: number, c: number): number {
  let h = Math.imul(a + 1, 0x9e3779b1) ^ Math.imul(b + 2, 0x85ebca77) ^ Math.imul(c + 3, 0xc2b2ae3d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}
