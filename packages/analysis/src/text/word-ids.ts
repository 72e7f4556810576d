// Words to numbers without building a string per word: the theme finder's hot loop reads every customer word, and
// `text.toLowerCase().match(WORD_RUN)` followed by a map lookup allocates two strings and an array per sentence.
// The scanner walks the text's code units once, lower-cases each through a table, hashes the word as it goes and
// finds it in an open-addressing table that compares code units in place. The words it finds are exactly those of
// `text.toLowerCase().match(WORD_RUN)`: per-unit lower case equals the whole string's except for İ (which lowers to
// two units), Σ (final sigma depends on context) and surrogate pairs (astral letters), so a sentence holding any of
// those takes that path instead.
import { grown } from './grown.ts';

/** A word: letters, digits and marks, with apostrophes inside ("don't"), as the theme finder splits text. */
export const WORD_RUN = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;

/** Per UTF-16 code unit: its lower case, and its kind. */
const LOWER = new Uint16Array(0x10000);
const KIND = new Uint8Array(0x10000);
const OTHER = 0;
/** A word character once lower-cased (letter, digit, mark). */
const WORD = 1;
/** Joins two runs of word characters into one word ("don't", "don’t"). */
const APOSTROPHE = 2;
/** Its lower case needs the whole string (see above). */
const SPECIAL = 3;
(() => {
  const word = /[\p{L}\p{N}\p{M}]/u;
  for (let code = 0; code < 0x10000; code++) {
    const lower = String.fromCharCode(code).toLowerCase();
    LOWER[code] = lower.charCodeAt(0);
    if ((code >= 0xd800 && code <= 0xdfff) || code === 0x130 || code === 0x3a3) KIND[code] = SPECIAL;
    else if (code === 0x27 || code === 0x2019) KIND[code] = APOSTROPHE;
    else KIND[code] = word.test(lower) ? WORD : OTHER;
  }
})();

const hashStep = (hash: number, unit: number) => Math.imul(hash ^ unit, 0x01000193);
const HASH_SEED = 0x811c9dc5 | 0;

/**
 * Interns lower-case words to ids chosen by `assign` on first sight (the same word always gets the same id), and
 * writes a sentence's word ids to a reusable buffer.
 */
export class WordIds {
  private slots = new Int32Array(1 << 12);
  /** Per entry: hash, id, and where its code units sit in `units` (compared there, not in a string on the heap). */
  private hashes = new Int32Array(1 << 10);
  private ids = new Int32Array(1 << 10);
  private starts = new Int32Array((1 << 10) + 1);
  private units = new Uint16Array(1 << 14);
  private size = 0;
  /** The ids of the last sentence read: `buffer[0 .. length)`. */
  buffer = new Int32Array(64);

  constructor(private readonly assign: (word: string) => number) {}

  /** The id of a lower-case word, assigning one on first sight. */
  idOf(word: string): number {
    let hash = HASH_SEED;
    for (let i = 0; i < word.length; i++) hash = hashStep(hash, word.charCodeAt(i));
    const entry = this.find(hash, word, 0, word.length, false);
    return entry >= 0 ? this.ids[entry]! : this.add(hash, word);
  }

  /** The id of a lower-case word already seen, or undefined. */
  peek(word: string): number | undefined {
    let hash = HASH_SEED;
    for (let i = 0; i < word.length; i++) hash = hashStep(hash, word.charCodeAt(i));
    const entry = this.find(hash, word, 0, word.length, false);
    return entry >= 0 ? this.ids[entry] : undefined;
  }

  /** Reads a sentence's words into `buffer` and returns how many there are. */
  read(text: string): number {
    let count = 0;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const kind = KIND[text.charCodeAt(i)];
      if (kind !== WORD) {
        if (kind === SPECIAL) return this.readSlowly(text);
        i++;
        continue;
      }
      const start = i;
      let hash = HASH_SEED;
      // text[i] is a word character here.
      for (;;) {
        hash = hashStep(hash, LOWER[text.charCodeAt(i)]!);
        if (++i >= n) break;
        const unit = text.charCodeAt(i);
        const next = KIND[unit];
        if (next === WORD) continue;
        if (next === SPECIAL) return this.readSlowly(text);
        if (next !== APOSTROPHE || i + 1 >= n) break;
        // An apostrophe joins the word when a word character follows it.
        const after = KIND[text.charCodeAt(i + 1)];
        if (after === SPECIAL) return this.readSlowly(text);
        if (after !== WORD) break;
        hash = hashStep(hash, unit);
        i++;
      }
      const entry = this.find(hash, text, start, i - start, true);
      const id = entry >= 0 ? this.ids[entry]! : this.add(hash, text.slice(start, i).toLowerCase());
      if (count === this.buffer.length) this.grow();
      this.buffer[count++] = id;
    }
    return count;
  }

  /** The reference path: lower-case the whole sentence, then split it. */
  private readSlowly(text: string): number {
    let count = 0;
    for (const word of text.toLowerCase().match(WORD_RUN) ?? []) {
      if (count === this.buffer.length) this.grow();
      this.buffer[count++] = this.idOf(word);
    }
    return count;
  }

  private grow(): void {
    const bigger = new Int32Array(this.buffer.length * 2);
    bigger.set(this.buffer);
    this.buffer = bigger;
  }

  /** The entry holding the word at `source[start .. start + length)` (lowered through the table when `lower`). */
  private find(hash: number, source: string, start: number, length: number, lower: boolean): number {
    const mask = this.slots.length - 1;
    const { hashes, starts, units } = this;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]! - 1;
      if (entry < 0) return -1;
      if (hashes[entry] !== hash) continue;
      const from = starts[entry]!;
      if (starts[entry + 1]! - from !== length) continue;
      let same = true;
      for (let k = 0; k < length && same; k++) {
        const unit = source.charCodeAt(start + k);
        same = units[from + k] === (lower ? LOWER[unit] : unit);
      }
      if (same) return entry;
    }
  }

  private add(hash: number, word: string): number {
    const id = this.assign(word);
    const entry = this.size++;
    if (this.size > this.hashes.length) {
      this.hashes = grown(this.hashes, this.size);
      this.ids = grown(this.ids, this.size);
    }
    if (this.size + 1 > this.starts.length) this.starts = grown(this.starts, this.size + 1);
    const from = this.starts[entry]!;
    if (from + word.length > this.units.length) {
      const units = new Uint16Array(Math.max(this.units.length * 2, from + word.length));
      units.set(this.units);
      this.units = units;
    }
    for (let k = 0; k < word.length; k++) this.units[from + k] = word.charCodeAt(k);
    this.starts[entry + 1] = from + word.length;
    this.hashes[entry] = hash;
    this.ids[entry] = id;
    if (this.size * 2 > this.slots.length) this.rehash();
    else this.place(entry);
    return id;
  }

  private place(entry: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hashes[entry]! & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let entry = 0; entry < this.size; entry++) this.place(entry);
  }
}
