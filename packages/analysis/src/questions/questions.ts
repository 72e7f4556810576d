import type { QuestionGroup } from '@callmine/contracts';
import { type Conversation, evidenceOf, type SpokenSentence } from '../conversation.ts';
import type { DealSlicer } from '../deals.ts';
import { groupWordings, rankTokenIds } from './grouping.ts';
import { isQuestion } from './is-question.ts';
import { QuestionTokens } from './question-tokens.ts';

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
  /** Distinct token ids, ascending. */
  tokens: Int32Array;
  /** Distinct spellings (ignoring case and punctuation) that normalised to these tokens: variant numbers. */
  variants: number[];
  /** Question numbers, in input order. */
  asked: number[];
}

interface Variant {
  text: string;
  count: number;
}

/** Every customer question, by number: where it was asked. */
interface Asked {
  conversation: Conversation[];
  sentence: SpokenSentence[];
  /** Number of the call's id among the analysed calls' distinct ids. */
  callIndex: number[];
}

interface Ranked {
  group: Wording[];
  question: string;
  callCount: number;
  askedCount: number;
}

/** The group's figures that decide its rank; wordings, slices and evidence are built for the groups shown only. */
function rankOf(
  group: Wording[],
  variants: readonly Variant[],
  asked: Asked,
  callStamp: Int32Array,
  stamp: number,
): Ranked {
  let askedCount = 0;
  let callCount = 0;
  let top: Variant | undefined;
  for (const wording of group) {
    askedCount += wording.asked.length;
    for (const q of wording.asked) {
      const callIndex = asked.callIndex[q]!;
      if (callStamp[callIndex] === stamp) continue;
      callStamp[callIndex] = stamp;
      callCount++;
    }
    for (const v of wording.variants) {
      const variant = variants[v]!;
      if (!top || variant.count > top.count || (variant.count === top.count && variant.text < top.text))
        top = variant;
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
  const wordingOf = new Map<string, number>();
  const list: Wording[] = [];
  const variantOf = new Map<string, number>();
  const variants: Variant[] = [];
  const asked: Asked = { conversation: [], sentence: [], callIndex: [] };
  const tokeniser = new QuestionTokens();
  const callIndexOf = new Map<string, number>();
  for (const conversation of conversations) {
    const { call, sentences } = conversation;
    let callIndex = callIndexOf.get(call.id);
    if (callIndex === undefined) {
      callIndex = callIndexOf.size;
      callIndexOf.set(call.id, callIndex);
    }
    for (const sentence of sentences) {
      if (sentence.side !== 'external' || !isQuestion(sentence.text)) continue;
      tokeniser.read(sentence.text);
      let w = wordingOf.get(tokeniser.key);
      if (w === undefined) {
        w = list.length;
        list.push({ tokens: tokeniser.ids.slice(0, tokeniser.count), variants: [], asked: [] });
        wordingOf.set(tokeniser.key, w);
      }
      const wording = list[w]!;
      // The spelling decides the tokens, so a spelling belongs to one wording.
      const v = variantOf.get(tokeniser.spelling);
      if (v !== undefined) variants[v]!.count++;
      else {
        variantOf.set(tokeniser.spelling, variants.length);
        wording.variants.push(variants.length);
        variants.push({ text: sentence.text.trim(), count: 1 });
      }
      wording.asked.push(asked.sentence.length);
      asked.conversation.push(conversation);
      asked.sentence.push(sentence);
      asked.callIndex.push(callIndex);
    }
  }
  const ranks = rankTokenIds(
    list.map((w) => w.tokens),
    tokeniser.tokens,
  );
  const groups = groupWordings(ranks, SAME_QUESTION).map((members) => members.map((w) => list[w]!));
  const callStamp = new Int32Array(callIndexOf.size);
  const ranked = groups.map((group, g) => rankOf(group, variants, asked, callStamp, g + 1));
  ranked.sort(
    (a, b) =>
      b.callCount - a.callCount ||
      b.askedCount - a.askedCount ||
      (a.question < b.question ? -1 : a.question > b.question ? 1 : 0),
  );
  return {
    total: asked.sentence.length,
    groups: ranked.slice(0, topN).map((r) => shown(r, variants, asked, evidenceLimit, deals)),
    groupingRule: QUESTION_GROUPING_RULE,
  };
}

function shown(
  { group, question, callCount, askedCount }: Ranked,
  variants: readonly Variant[],
  asked: Asked,
  evidenceLimit: number,
  deals: DealSlicer | null,
): QuestionGroup {
  const questions = group.flatMap((w) => w.asked);
  const wordings = group
    .flatMap((w) => w.variants.map((v) => variants[v]!))
    .sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  return {
    question,
    callCount,
    askedCount,
    wordings: wordings.map((v) => v.text),
    ...(deals ? { byDeal: deals.slice(new Set(questions.map((q) => asked.conversation[q]!.call.id))) } : {}),
    evidence: questions
      .slice(0, evidenceLimit)
      .map((q) => evidenceOf(asked.conversation[q]!.call, asked.sentence[q]!)),
  };
}
