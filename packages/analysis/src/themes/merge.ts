import { HARD_FILLER, SOFT_FILLER } from '../text/filler.ts';
import { isStopWord } from '../text/tokens.ts';
import { type CustomerSentences, wordsOf } from './candidates.ts';
import { casedWord, type NounPhrase, union } from './noun-phrases.ts';

// Stage 3: noun phrases that are fragments of one thing customers say become one theme. A phrase joins a theme
// when at least FRAGMENT of its sentences hold the theme's head phrase ("legal team" only ever said with "data
// residency"), choosing the theme it overlaps most (Jaccard). A more specific phrase never joins a shorter head it
// contains ("data residency" does not vanish into "data"), unless the two are always said together. When head and
// member are said in the same sentences (both ways), they are one recurring wording ("leadership", "visibility",
// "pipeline" from "Leadership wants better visibility into the pipeline"): the theme shows the longest stretch of
// that sentence holding them, without filler. Finally a theme's count leaves out the sentences of more specific
// themes containing its words ("data" counts what is not "data residency").

export const FRAGMENT = 0.8;

export interface Theme {
  phrase: string;
  members: NounPhrase[];
  /** Sentence numbers, ascending, after leaving out more specific themes' sentences. */
  sentences: number[];
}

const contains = (longer: string, shorter: string) => ` ${longer} `.includes(` ${shorter} `);
/** By wordings, not lemmas: the tagger may lemmatise a word differently in another phrase ("coaching", "coach"). */
const holds = (longer: NounPhrase, shorter: NounPhrase) =>
  longer.wordings.some((l) => shorter.wordings.some((s) => contains(l, s)));

/** `holds` between phrases by number, each pair worked out once (the merge asks about most pairs, some twice). */
function holdsBetween(phrases: readonly NounPhrase[]): (longer: number, shorter: number) => boolean {
  const n = phrases.length;
  const padded = phrases.map((p) => p.wordings.map((w) => ` ${w} `));
  const known = new Int8Array(n * n).fill(-1);
  return (longer, shorter) => {
    const at = longer * n + shorter;
    if (known[at] === -1) {
      const outer = padded[longer]!;
      const inner = padded[shorter]!;
      known[at] = outer.some((l) => inner.some((s) => l.includes(s))) ? 1 : 0;
    }
    return known[at] === 1;
  };
}

/**
 * Sentences shared by each pair of phrases, counted in one pass over the sentences (phrases listed per sentence in
 * flat typed arrays) into a triangular table: no map or list per sentence.
 */
function overlapCounts(
  phrases: readonly NounPhrase[],
  sentenceCount: number,
): (a: number, b: number) => number {
  const n = phrases.length;
  const start = new Int32Array(sentenceCount + 1);
  for (const p of phrases) for (const sid of p.sentences) start[sid + 1]!++;
  for (let s = 0; s < sentenceCount; s++) start[s + 1]! += start[s]!;
  const fill = start.slice(0, sentenceCount);
  const holders = new Int32Array(start[sentenceCount]!);
  phrases.forEach((p, i) => {
    for (const sid of p.sentences) holders[fill[sid]!++] = i;
  });
  // Pair (x < y) sits at x·n − x(x+1)/2 + (y − x − 1).
  const row = (x: number) => x * n - (x * (x + 1)) / 2 - x - 1;
  const pairs = new Int32Array((n * (n - 1)) / 2);
  for (let s = 0; s < sentenceCount; s++) {
    const to = start[s + 1]!;
    for (let i = start[s]!; i < to; i++) {
      const base = row(holders[i]!);
      for (let j = i + 1; j < to; j++) pairs[base + holders[j]!]!++;
    }
  }
  return (a, b) => (a === b ? phrases[a]!.sentences.length : pairs[row(Math.min(a, b)) + Math.max(a, b)]!);
}

export function mergeFragments(phrases: readonly NounPhrase[], sentences: CustomerSentences): Theme[] {
  const order = phrases
    .map((_, i) => i)
    .sort((a, b) => {
      const pa = phrases[a]!;
      const pb = phrases[b]!;
      return (
        pb.sentences.length - pa.sentences.length ||
        pb.words - pa.words ||
        (pa.key < pb.key ? -1 : pa.key > pb.key ? 1 : 0)
      );
    });
  const overlap = overlapCounts(phrases, sentences.texts.length);
  const holdsAt = holdsBetween(phrases);
  // `together`: members said in the same sentences as the head, both ways (one recurring wording).
  const groups: { head: number; members: number[]; together: number[] }[] = [];
  for (const p of order) {
    const size = phrases[p]!.sentences.length;
    let best: { group: (typeof groups)[number]; jaccard: number; mutual: boolean } | undefined;
    for (const group of groups) {
      const headSize = phrases[group.head]!.sentences.length;
      const shared = overlap(p, group.head);
      if (shared < FRAGMENT * size) continue;
      const mutual = shared >= FRAGMENT * headSize;
      if (!mutual && holdsAt(p, group.head)) continue;
      const jaccard = shared / (size + headSize - shared);
      if (!best || jaccard > best.jaccard) best = { group, jaccard, mutual };
    }
    if (!best) groups.push({ head: p, members: [p], together: [p] });
    else {
      best.group.members.push(p);
      if (best.mutual) best.group.together.push(p);
    }
  }
  const themes = groups.map((group) => {
    const members = group.members.map((i) => phrases[i]!);
    return {
      phrase: displayOf(
        group.together.map((i) => phrases[i]!),
        sentences,
      ),
      members,
      sentences: members.reduce<number[]>((all, m) => union(all, m.sentences), []),
    };
  });
  // A theme's own sentences: not those of a more specific theme that contains one of its phrases (keys are unique
  // per phrase, so "another key" is "another phrase"). Left-out sentences are stamped with the theme's number.
  const stamp = new Int32Array(sentences.texts.length);
  return themes.map((theme, t) => {
    let left = 0;
    groups.forEach((other, o) => {
      if (o === t) return;
      const moreSpecific = other.members.some((x) =>
        groups[t]!.members.some((m) => x !== m && holdsAt(x, m)),
      );
      if (!moreSpecific) return;
      for (const sid of themes[o]!.sentences) stamp[sid] = t + 1;
      left++;
    });
    return left === 0
      ? theme
      : { ...theme, sentences: theme.sentences.filter((sid) => stamp[sid] !== t + 1) };
  });
}

/**
 * Nested wordings said together ("coaching", "coaching scorecards") show the longest; separate phrases said
 * together ("leadership", "visibility", "pipeline") show the stretch of the sentence holding them.
 */
function displayOf(together: readonly NounPhrase[], sentences: CustomerSentences): string {
  const longest = together.reduce((l, m) => (m.words > l.words ? m : l), together[0]!);
  if (together.every((m) => m === longest || holds(longest, m))) return longest.display;
  return coveringStretch(together, sentences);
}

const edgeWord = (w: string) => isStopWord(w) || SOFT_FILLER.has(w) || HARD_FILLER.has(w);
const hardWord = (w: string) => HARD_FILLER.has(w) || /\p{N}/u.test(w);

/**
 * The stretch of the head's first sentence that holds the most of the members' words, cut at filler, time words
 * and numbers and trimmed of stop words at both ends: "visibility into the pipeline".
 */
function coveringStretch(members: readonly NounPhrase[], sentences: CustomerSentences): string {
  const head = members[0]!;
  const text = sentences.texts[head.sample.sid]!;
  const { lower, spans } = wordsOf(text);
  const isMember = new Array<boolean>(lower.length).fill(false);
  for (const member of members) {
    const words = member.wordings[0]!.split(' ');
    for (let i = 0; i + words.length <= lower.length; i++) {
      if (words.every((w, j) => lower[i + j] === w))
        for (let j = 0; j < words.length; j++) isMember[i + j] = true;
    }
  }
  let best: [number, number] | undefined;
  let bestHits = 0;
  let start = 0;
  for (let i = 0; i <= lower.length; i++) {
    if (i < lower.length && !hardWord(lower[i]!)) continue;
    let from = start;
    let to = i;
    while (from < to && edgeWord(lower[from]!)) from++;
    while (to > from && edgeWord(lower[to - 1]!)) to--;
    const hits = isMember.slice(from, to).filter(Boolean).length;
    if (hits > bestHits || (hits === bestHits && best && to - from > best[1] - best[0])) {
      best = [from, to];
      bestHits = hits;
    }
    start = i + 1;
  }
  if (!best || bestHits === 0) return head.display;
  return spans
    .slice(best[0], best[1])
    .map(([from, to], i) => casedWord(text.slice(from, to), best[0] + i))
    .join(' ');
}
