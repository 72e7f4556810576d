import type { TrackerSettings } from '@callmine/contracts';
import { PhraseAutomaton } from './automaton.ts';

export interface TrackerMatch {
  tracker: number;
  phrase: number;
}

/**
 * All trackers' phrases and synonyms in one automaton. The counting rule, per tracker: a sentence is read left to
 * right and at each position the longest of the tracker's phrases wins; matches of one tracker never overlap
 * ("next steps" in "the next steps are" counts once even when "next" is also a phrase), while different trackers
 * count independently (the same words may be a "Pricing" and a "Next steps" mention). That is what a person
 * counting by hand with a highlighter per tracker would get.
 */
export class TrackerMatcher {
  private readonly automaton: PhraseAutomaton;
  private readonly trackerOf: Int32Array;
  private readonly phraseOf: Int32Array;
  private order: number[] = [];

  constructor(trackers: readonly TrackerSettings[]) {
    const texts: string[] = [];
    const trackerOf: number[] = [];
    const phraseOf: number[] = [];
    trackers.forEach((tracker, t) => {
      tracker.phrases.forEach((entry, p) => {
        for (const text of [entry.phrase, ...(entry.synonyms ?? [])]) {
          texts.push(text);
          trackerOf.push(t);
          phraseOf.push(p);
        }
      });
    });
    this.automaton = new PhraseAutomaton(texts.map((text) => ({ text })));
    this.trackerOf = Int32Array.from(trackerOf);
    this.phraseOf = Int32Array.from(phraseOf);
  }

  /** Results of the last `count`: each counted match's tracker and phrase, by tracker then position. */
  countedTracker: Int32Array = new Int32Array(16);
  countedPhrase: Int32Array = new Int32Array(16);

  /** The counted matches in one sentence, by tracker then position. */
  matchSentence(text: string): TrackerMatch[] {
    const counted: TrackerMatch[] = [];
    const n = this.count(text);
    for (let m = 0; m < n; m++)
      counted.push({ tracker: this.countedTracker[m]!, phrase: this.countedPhrase[m]! });
    return counted;
  }

  /**
   * Counts one sentence without allocating: returns how many matches count, and writes them to countedTracker /
   * countedPhrase (valid until the next call).
   */
  count(text: string): number {
    const found = this.automaton.scan(text);
    if (found === 0) return 0;
    const { matchPattern, matchStart, patternLengths } = this.automaton;
    if (found > this.countedTracker.length) {
      this.countedTracker = new Int32Array(found * 2);
      this.countedPhrase = new Int32Array(found * 2);
    }
    const { trackerOf, phraseOf, countedTracker, countedPhrase } = this;
    // The common case: one match, nothing to choose between.
    if (found === 1) {
      countedTracker[0] = trackerOf[matchPattern[0]!]!;
      countedPhrase[0] = phraseOf[matchPattern[0]!]!;
      return 1;
    }
    const order = this.order;
    order.length = 0;
    for (let m = 0; m < found; m++) order.push(m);
    order.sort((a, b) => {
      const pa = matchPattern[a]!;
      const pb = matchPattern[b]!;
      return (
        trackerOf[pa]! - trackerOf[pb]! ||
        matchStart[a]! - matchStart[b]! ||
        patternLengths[pb]! - patternLengths[pa]! ||
        pa - pb
      );
    });
    let counted = 0;
    let tracker = -1;
    let freeFrom = 0;
    for (const m of order) {
      const pattern = matchPattern[m]!;
      if (trackerOf[pattern] !== tracker) {
        tracker = trackerOf[pattern]!;
        freeFrom = 0;
      }
      if (matchStart[m]! < freeFrom) continue;
      countedTracker[counted] = tracker;
      countedPhrase[counted] = phraseOf[pattern]!;
      counted++;
      freeFrom = matchStart[m]! + patternLengths[pattern]!;
    }
    return counted;
  }
}
