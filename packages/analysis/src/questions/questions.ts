import type { QuestionGroup } from '@callmine/contracts';
import { type Conversation, evidenceOf, type SpokenSentence } from '../conversation.ts';
import type { DealSlicer } from '../deals.ts';
import { isStopWord, stem, words } from '../text/tokens.ts';
import { groupWordings, rankTokens } from './grouping.ts';
import { intentOf, pairIntentOf, QUESTION_FRAME, startsPair } from './intents.ts';
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

interface Asked {
  conversation: Conversation;
  sentence: SpokenSentence;
  /** Number of the call's id among the analysed calls' distinct ids. */
  callIndex: number;
}

interface Wording {
  tokens: string[];
  /** Distinct spellings (ignoring case and punctuation) that normalised to these tokens, with how often each was said. */
  variants: Map<string, { text: string; count: number }>;
  asked: Asked[];
}

/** A question's tokens: the word → token mapping is cached, since the same words recur in every call. */
class Tokeniser {
  /** The word's token, or '' when the word is dropped (stop and question-frame words). */
  private readonly tokenOf = new Map<string, string>();

  private token(word: string): string {
    let token = this.tokenOf.get(word);
    if (token === undefined) {
      token = intentOf(word) ?? (isStopWord(word) || QUESTION_FRAME.has(word) ? '' : stem(word));
      this.tokenOf.set(word, token);
    }
    return token;
  }

  /** Distinct tokens, sorted: the wording's identity. */
  tokensOf(all: readonly string[]): string[] {
    const tokens: string[] = [];
    for (let i = 0; i < all.length; i++) {
      const word = all[i]!;
      const pair = i + 1 < all.length && startsPair(word) ? pairIntentOf(word, all[i + 1]!) : undefined;
      if (pair) {
        tokens.push(pair);
        i++;
        continue;
      }
      const token = this.token(word);
      if (token !== '') tokens.push(token);
    }
    // A question made only of stop words ("how are you?") is compared on all its words.
    return [...new Set(tokens.length > 0 ? tokens : all.map(stem))].sort();
  }
}

interface Ranked {
  group: Wording[];
  question: string;
  callCount: number;
  askedCount: number;
}

/** The group's figures that decide its rank; wordings, slices and evidence are built for the groups shown only. */
function rankOf(group: Wording[], callStamp: Int32Array, stamp: number): Ranked {
  let askedCount = 0;
  let callCount = 0;
  let top: { text: string; count: number } | undefined;
  for (const wording of group) {
    askedCount += wording.asked.length;
    for (const { callIndex } of wording.asked) {
      if (callStamp[callIndex] === stamp) continue;
      callStamp[callIndex] = stamp;
      callCount++;
    }
    for (const v of wording.variants.values()) {
      if (!top || v.count > top.count || (v.count === top.count && v.text < top.text)) top = v;
    }
  }
  return { group, question: top!.text, callCount, askedCount };
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
  const tokeniser = new Tokeniser();
  const callIndexOf = new Map<string, number>();
  let total = 0;
  for (const conversation of conversations) {
    const { call, sentences } = conversation;
    let callIndex = callIndexOf.get(call.id);
    if (callIndex === undefined) {
      callIndex = callIndexOf.size;
      callIndexOf.set(call.id, callIndex);
    }
    for (const sentence of sentences) {
      if (sentence.side !== 'external' || !isQuestion(sentence.text)) continue;
      total++;
      const all = words(sentence.text);
      const tokens = tokeniser.tokensOf(all);
      const key = tokens.join(' ');
      let wording = wordings.get(key);
      if (!wording) {
        wording = { tokens, variants: new Map(), asked: [] };
        wordings.set(key, wording);
      }
      const spelling = all.join(' ');
      const variant = wording.variants.get(spelling);
      if (variant) variant.count++;
      else wording.variants.set(spelling, { text: sentence.text.trim(), count: 1 });
      wording.asked.push({ conversation, sentence, callIndex });
    }
  }
  const list = [...wordings.values()];
  const groups = groupWordings(rankTokens(list.map((w) => w.tokens)), SAME_QUESTION).map((members) =>
    members.map((w) => list[w]!),
  );
  const callStamp = new Int32Array(callIndexOf.size);
  const ranked = groups.map((group, g) => rankOf(group, callStamp, g + 1));
  ranked.sort(
    (a, b) =>
      b.callCount - a.callCount ||
      b.askedCount - a.askedCount ||
      (a.question < b.question ? -1 : a.question > b.question ? 1 : 0),
  );
  return {
    total,
    groups: ranked.slice(0, topN).map((r) => shown(r, evidenceLimit, deals)),
    groupingRule: QUESTION_GROUPING_RULE,
  };
}

function shown(
  { group, question, callCount, askedCount }: Ranked,
  evidenceLimit: number,
  deals: DealSlicer | null,
): QuestionGroup {
  const asked = group.flatMap((w) => w.asked);
  const variants = group
    .flatMap((w) => [...w.variants.values()])
    .sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  return {
    question,
    callCount,
    askedCount,
    wordings: variants.map((v) => v.text),
    ...(deals ? { byDeal: deals.slice(new Set(asked.map((a) => a.conversation.call.id))) } : {}),
    evidence: asked.slice(0, evidenceLimit).map((a) => evidenceOf(a.conversation.call, a.sentence)),
  };
}
