import { isStopWord, stem } from '../text/tokens.ts';
import { WordIds } from '../text/word-ids.ts';
import { intentOf, pairIntentOf, QUESTION_FRAME, startsPair } from './intents.ts';

// A question's normalised tokens, by number: its words are read to ids by the code-unit scanner (the same words
// as `text.toLowerCase().match(WORD_RUN)`), each word's token is worked out once per word (stop and frame words
// drop, intent words map to their intent, the rest are stemmed) and tokens are interned, so the same token text
// always has the same id. A wording is then its distinct token ids, and its spelling its word ids.

const UNKNOWN = 0;
const DROPPED = -1;

export class QuestionTokens {
  /** Token text by id. */
  readonly tokens: string[] = [];
  private readonly tokenIds = new Map<string, number>();
  private readonly wordText: string[] = [];
  private readonly reader = new WordIds((word) => {
    this.wordText.push(word);
    return this.wordText.length - 1;
  });
  /** Per word id: its token id + 1, DROPPED, or UNKNOWN (not worked out yet). */
  private tokenOfWord = new Int32Array(1024);
  /** Per word id: 1 when it may open a two-word intent ("how much"). */
  private opensPair = new Uint8Array(1024);
  private readonly stemOfWord: number[] = [];
  private scratch = new Int32Array(64);
  /** The last question read: its distinct token ids, ascending (`ids[0 .. count)`). */
  ids: Int32Array = this.scratch;
  count = 0;
  /** The last question's words as said, in order (case and punctuation aside): `words[0 .. wordCount)`. */
  words: Int32Array = this.scratch;
  wordCount = 0;

  private intern(text: string): number {
    let id = this.tokenIds.get(text);
    if (id === undefined) {
      id = this.tokens.length;
      this.tokens.push(text);
      this.tokenIds.set(text, id);
    }
    return id;
  }

  private tokenOf(word: number): number {
    if (word >= this.tokenOfWord.length) {
      const size = Math.max(word + 1, this.tokenOfWord.length * 2);
      const tokens = new Int32Array(size);
      tokens.set(this.tokenOfWord);
      this.tokenOfWord = tokens;
      const pairs = new Uint8Array(size);
      pairs.set(this.opensPair);
      this.opensPair = pairs;
    }
    let token = this.tokenOfWord[word]!;
    if (token === UNKNOWN) {
      const text = this.wordText[word]!;
      const mapped = intentOf(text) ?? (isStopWord(text) || QUESTION_FRAME.has(text) ? '' : stem(text));
      token = mapped === '' ? DROPPED : this.intern(mapped) + 1;
      this.tokenOfWord[word] = token;
      this.opensPair[word] = startsPair(text) ? 1 : 0;
    }
    return token;
  }

  private push(count: number, token: number): number {
    if (count === this.scratch.length) {
      const bigger = new Int32Array(count * 2);
      bigger.set(this.scratch);
      this.scratch = bigger;
    }
    this.scratch[count] = token;
    return count + 1;
  }

  /** Reads a question: sets `ids`/`count` to its distinct tokens and `words`/`wordCount` to its words. */
  read(text: string): void {
    const n = this.reader.read(text);
    const words = this.reader.buffer;
    this.words = words;
    this.wordCount = n;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const word = words[i]!;
      const token = this.tokenOf(word);
      if (this.opensPair[word] === 1 && i + 1 < n) {
        const pair = pairIntentOf(this.wordText[word]!, this.wordText[words[i + 1]!]!);
        if (pair !== undefined) {
          count = this.push(count, this.intern(pair));
          i++;
          continue;
        }
      }
      if (token !== DROPPED) count = this.push(count, token - 1);
    }
    // A question made only of stop words ("how are you?") is compared on all its words.
    if (count === 0) for (let i = 0; i < n; i++) count = this.push(count, this.stemmed(words[i]!));
    const ids = this.scratch.subarray(0, count).sort();
    let distinct = 0;
    for (let i = 0; i < count; i++) if (i === 0 || ids[i] !== ids[i - 1]) ids[distinct++] = ids[i]!;
    this.ids = this.scratch;
    this.count = distinct;
  }

  private stemmed(word: number): number {
    let token = this.stemOfWord[word];
    if (token === undefined) {
      token = this.intern(stem(this.wordText[word]!));
      this.stemOfWord[word] = token;
    }
    return token;
  }
}
