import type { Evidence, QuestionGroup } from '@callmine/contracts';
import { type Conversation, evidenceOf } from '../conversation.ts';
import type { DealSlicer } from '../deals.ts';
import { isStopWord, stem, words } from '../text/tokens.ts';
import { intentOf, pairIntentOf, QUESTION_FRAME } from './intents.ts';
import { isQuestion } from './is-question.ts';

/** Two wordings join one group when their normalised token sets overlap this much (Jaccard). */
export const SAME_QUESTION = 0.6;

/** Stated with every result, so a reader knows why two wordings count as one question. */
export const QUESTION_GROUPING_RULE =
  'Customer questions are one group when their words, in lower case, without stop words and question-frame words ' +
  '("is there a way", "per"), lightly stemmed, and with intent words mapped to one intent (different / pick / ' +
  'apart / compare → compare; price / cost / charge / how much → price; integrate / connect / sync → integrate; ' +
  'export / extract / download → export), share at least 60 % of their tokens (Jaccard ≥ 0.6). Names stay as ' +
  'they are, so the same question about two competitors is two groups. A wording joins the first group it matches.';

interface Wording {
  key: string;
  tokens: Set<string>;
  /** Distinct spellings (ignoring case and punctuation) that normalised to this key, with how often each was said. */
  variants: Map<string, { text: string; count: number }>;
  asked: { callId: string; evidence: Evidence }[];
}

function tokensOf(text: string): string[] {
  const all = words(text);
  const tokens: string[] = [];
  for (let i = 0; i < all.length; i++) {
    const word = all[i]!;
    const pair = i + 1 < all.length ? pairIntentOf(word, all[i + 1]!) : undefined;
    if (pair) {
      tokens.push(pair);
      i++;
      continue;
    }
    const intent = intentOf(word);
    if (intent) tokens.push(intent);
    else if (!isStopWord(word) && !QUESTION_FRAME.has(word)) tokens.push(stem(word));
  }
  // A question made only of stop words ("how are you?") is compared on all its words.
  return [...new Set(tokens.length > 0 ? tokens : all.map(stem))].sort();
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 1 : shared / union;
}

/**
 * Questions asked by External speakers, grouped: identical normalised wordings first, then wordings whose
 * token sets are similar join the earliest-seen group they match (deterministic: input order decides).
 * Ranked by how many calls ask, then by how often, then alphabetically.
 */
export function analyseQuestions(
  conversations: readonly Conversation[],
  topN: number,
  evidenceLimit: number,
  deals: DealSlicer | null = null,
): { total: number; groups: QuestionGroup[]; groupingRule: string } {
  const wordings = new Map<string, Wording>();
  let total = 0;
  for (const { call, sentences } of conversations) {
    for (const sentence of sentences) {
      if (sentence.side !== 'external' || !isQuestion(sentence.text)) continue;
      total++;
      const tokens = tokensOf(sentence.text);
      const key = tokens.join(' ');
      let wording = wordings.get(key);
      if (!wording) {
        wording = { key, tokens: new Set(tokens), variants: new Map(), asked: [] };
        wordings.set(key, wording);
      }
      const spelling = words(sentence.text).join(' ');
      const variant = wording.variants.get(spelling);
      if (variant) variant.count++;
      else wording.variants.set(spelling, { text: sentence.text.trim(), count: 1 });
      wording.asked.push({ callId: call.id, evidence: evidenceOf(call, sentence) });
    }
  }
  // A wording joins the earliest group whose first wording it matches. Prefix filtering (as in similarity joins)
  // finds the candidates: with tokens ordered rarest first, two sets with Jaccard ≥ t share a token among the first
  // n − ⌈t·n⌉ + 1 of each, so groups are indexed by their first wording's prefix and probed with the wording's;
  // and where they first share a token bounds how much more they can share (positional filter). Both filters only
  // skip pairs that cannot reach the threshold: the same groups as comparing with every group, without the scan.
  const frequency = new Map<string, number>();
  for (const w of wordings.values()) for (const t of w.tokens) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  const orderTokens = (tokens: ReadonlySet<string>) =>
    [...tokens].sort((a, b) => frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
  const groups: Wording[][] = [];
  // token → [group, position of the token in the group's ordered head, head size], flattened.
  const postings = new Map<string, number[]>();
  const overlapFor = (a: number, b: number) => (SAME_QUESTION * (a + b)) / (1 + SAME_QUESTION) - 1e-9;
  for (const wording of wordings.values()) {
    const ordered = orderTokens(wording.tokens);
    const prefix = ordered.slice(0, ordered.length - Math.ceil(SAME_QUESTION * ordered.length) + 1);
    const seen = new Set<number>();
    const candidates: number[] = [];
    prefix.forEach((token, i) => {
      const list = postings.get(token);
      if (!list) return;
      for (let k = 0; k < list.length; k += 3) {
        const group = list[k]!;
        if (seen.has(group)) continue;
        seen.add(group);
        // Positional filter: the first shared token sits at i and j, so at most 1 + the shorter rest is shared.
        const j = list[k + 1]!;
        const size = list[k + 2]!;
        if (1 + Math.min(ordered.length - i - 1, size - j - 1) >= overlapFor(ordered.length, size)) {
          candidates.push(group);
        }
      }
    });
    const home = candidates
      .sort((a, b) => a - b)
      .find((g) => jaccard(groups[g]![0]!.tokens, wording.tokens) >= SAME_QUESTION);
    if (home !== undefined) groups[home]!.push(wording);
    else {
      prefix.forEach((token, j) => {
        const entry = [groups.length, j, ordered.length];
        const list = postings.get(token);
        if (list) list.push(...entry);
        else postings.set(token, entry);
      });
      groups.push([wording]);
    }
  }
  const ranked = groups.map((group) => {
    const asked = group.flatMap((w) => w.asked);
    const callIds = new Set(asked.map((a) => a.callId));
    const variants = group
      .flatMap((w) => [...w.variants.values()])
      .sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    return {
      question: variants[0]!.text,
      callCount: callIds.size,
      askedCount: asked.length,
      wordings: variants.map((v) => v.text),
      ...(deals ? { byDeal: deals.slice(callIds) } : {}),
      evidence: asked.slice(0, evidenceLimit).map((a) => a.evidence),
    };
  });
  ranked.sort(
    (a, b) =>
      b.callCount - a.callCount ||
      b.askedCount - a.askedCount ||
      (a.question < b.question ? -1 : a.question > b.question ? 1 : 0),
  );
  return { total, groups: ranked.slice(0, topN), groupingRule: QUESTION_GROUPING_RULE };
}
