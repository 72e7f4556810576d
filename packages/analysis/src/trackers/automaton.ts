import { fold, WORD_CHAR } from '../text/word-chars.ts';

// A hand-written Aho–Corasick automaton compiled to a dense DFA. We looked at npm's options: `ahocorasick`
// (last release 2017) and `modern-ahocorasick` (maintained) both return an array of match objects per text and
// know nothing of word boundaries, so every sentence would allocate and then be filtered again. Here each
// code unit costs one table read and matches land in reusable typed arrays: that is what reaches the
// benchmark's ≥ 50 MB/s (bench/analysis/run.ts). Alphabet: every code unit that occurs in a phrase gets a
// column; all other code units share column 0, which always leads back to the root.

const NEEDS_FOLDING = 0xffff;

/** Each code unit's one-unit lower case, or NEEDS_FOLDING. Built once per process. */
const LOWER_OF: Uint16Array = (() => {
  const table = new Uint16Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) {
      table[code] = code;
      continue;
    }
    const lower = String.fromCharCode(code).toLowerCase();
    table[code] =
      lower.length !== 1 || code === 0x3a3 || code === NEEDS_FOLDING ? NEEDS_FOLDING : lower.charCodeAt(0);
  }
  return table;
})();

export interface Pattern {
  /** Already trimmed; folded here. */
  text: string;
}

export class PhraseAutomaton {
  readonly patternLengths: Int32Array;
  private readonly needsLeftBoundary: Uint8Array;
  private readonly needsRightBoundary: Uint8Array;
  private readonly columnOf: Uint16Array;
  private readonly columns: number;
  private readonly table: Int32Array;
  private readonly outStart: Int32Array;
  private readonly outEnd: Int32Array;
  private readonly outputs: Int32Array;
  /** Results of the last `scan`: pattern index and start offset (in the folded text) of each match. */
  matchPattern: Int32Array = new Int32Array(64);
  matchStart: Int32Array = new Int32Array(64);

  constructor(patterns: readonly Pattern[]) {
    const folded = patterns.map((p) => fold(p.text.trim().replace(/\s+/g, ' ')));
    this.patternLengths = Int32Array.from(folded, (t) => t.length);
    this.needsLeftBoundary = Uint8Array.from(folded, (t) => (t.length > 0 ? WORD_CHAR[t.charCodeAt(0)]! : 0));
    this.needsRightBoundary = Uint8Array.from(folded, (t) =>
      t.length > 0 ? WORD_CHAR[t.charCodeAt(t.length - 1)]! : 0,
    );

    this.columnOf = new Uint16Array(0x10000);
    let columns = 1;
    for (const text of folded) {
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (this.columnOf[code] === 0) this.columnOf[code] = columns++;
      }
    }
    this.columns = columns;
    // Fold case in the table itself, so most sentences are scanned as they are, without a lower-cased copy:
    // every code unit whose lower case is one code unit shares that lower case's column. The few whose lower
    // case is longer or depends on context (İ, Σ) get the marker column and send the sentence to the slow path.
    for (let code = 0; code < 0x10000; code++) {
      const lower = LOWER_OF[code]!;
      if (lower === NEEDS_FOLDING) this.columnOf[code] = NEEDS_FOLDING;
      else if (lower !== code) this.columnOf[code] = this.columnOf[lower]!;
    }

    // Trie: goto[state * columns + column] (0 = no edge, since the root is never a child).
    let goto = new Int32Array(columns * 256);
    const ends: number[][] = [[]];
    folded.forEach((text, index) => {
      if (text.length === 0) return;
      let state = 0;
      for (let i = 0; i < text.length; i++) {
        const slot = state * columns + this.columnOf[text.charCodeAt(i)]!;
        if (goto[slot] === 0) {
          goto[slot] = ends.length;
          ends.push([]);
          if ((ends.length + 1) * columns > goto.length) {
            const bigger = new Int32Array(goto.length * 2);
            bigger.set(goto);
            goto = bigger;
          }
        }
        state = goto[slot]!;
      }
      ends[state]!.push(index);
    });

    // Breadth-first: failure links, then complete the DFA (a missing edge follows the failure state's edge).
    const states = ends.length;
    const table = new Int32Array(states * columns);
    const fail = new Int32Array(states);
    const outputs: number[][] = ends.map((list) => [...list]);
    const queue: number[] = [];
    for (let c = 1; c < columns; c++) {
      const child = goto[c]!;
      table[c] = child;
      if (child !== 0) queue.push(child);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      outputs[state]!.push(...outputs[fail[state]!]!);
      for (let c = 1; c < columns; c++) {
        const child = goto[state * columns + c]!;
        const viaFail = table[fail[state]! * columns + c]!;
        if (child !== 0) {
          fail[child] = viaFail;
          table[state * columns + c] = child;
          queue.push(child);
        } else {
          table[state * columns + c] = viaFail;
        }
      }
    }
    this.table = table;
    this.outStart = new Int32Array(states);
    this.outEnd = new Int32Array(states);
    const flat: number[] = [];
    outputs.forEach((list, state) => {
      this.outStart[state] = flat.length;
      flat.push(...list);
      this.outEnd[state] = flat.length;
    });
    this.outputs = Int32Array.from(flat);
  }

  /**
   * Every occurrence of every pattern in `text` that sits on word boundaries, case-insensitively; overlapping
   * occurrences are all reported. Returns how many; read them from matchPattern/matchStart.
   */
  scan(text: string): number {
    const found = this.scanFolded(text, true);
    return found >= 0 ? found : this.scanFolded(fold(text), false);
  }

  /** -1 when `text` holds a code unit that only full-string lower-casing folds correctly. */
  private scanFolded(text: string, raw: boolean): number {
    const { table, columns, columnOf, outStart, outEnd, outputs, patternLengths } = this;
    const { needsLeftBoundary, needsRightBoundary } = this;
    let state = 0;
    let found = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const column = columnOf[text.charCodeAt(i)]!;
      if (column === NEEDS_FOLDING) {
        if (raw) return -1;
        state = 0;
        continue;
      }
      state = table[state * columns + column]!;
      const from = outStart[state]!;
      const to = outEnd[state]!;
      if (from === to) continue;
      for (let o = from; o < to; o++) {
        const pattern = outputs[o]!;
        const start = i - patternLengths[pattern]! + 1;
        if (needsLeftBoundary[pattern] === 1 && start > 0 && WORD_CHAR[text.charCodeAt(start - 1)] === 1)
          continue;
        if (needsRightBoundary[pattern] === 1 && i + 1 < n && WORD_CHAR[text.charCodeAt(i + 1)] === 1)
          continue;
        if (found === this.matchPattern.length) this.growMatches();
        this.matchPattern[found] = pattern;
        this.matchStart[found] = start;
        found++;
      }
    }
    return found;
  }

  private growMatches(): void {
    const pattern = new Int32Array(this.matchPattern.length * 2);
    const start = new Int32Array(this.matchStart.length * 2);
    pattern.set(this.matchPattern);
    start.set(this.matchStart);
    this.matchPattern = pattern;
    this.matchStart = start;
  }
}
