import type { QuestionGroup } from '@callmine/contracts';
import { type Conversation, evidenceOf } from '../conversation.ts';
import type { DealSlicer } from '../deals.ts';
import { SequenceTable } from '../text/sequence-table.ts';
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

/**
 * Every customer question by number, with the wording (distinct tokens) and the spelling (words) it was read to.
 * Kept in flat lists: a corpus of generated or real calls makes a new wording of nearly every question, so an
 * object, a map and two lists per wording were most of this analyser's time and garbage.
 */
interface Asked {
  conversation: Conversation[];
  /** The question's sentence number in its conversation. */
  sentence: number[];
  /** Number of the call's id among the analysed calls' distinct ids. */
  callIndex: number[];
  /** The next question of the same wording, or −1. */
  nextQuestion: number[];
  /** Per wording: its first and last question, and how many. */
  firstQuestion: number[];
  lastQuestion: number[];
  questions: number[];
  /** Per spelling (a variant): how often it was said, its first question, the next variant of its wording. */
  variantCount: number[];
  variantQuestion: number[];
  nextVariant: number[];
  /** Per wording: its first and last variant. */
  firstVariant: number[];
  lastVariant: number[];
}

function collect(conversations: readonly Conversation[]): {
  asked: Asked;
  wordings: SequenceTable;
  tokens: readonly string[];
  calls: number;
} {
  const asked: Asked = {
    conversation: [],
    sentence: [],
    callIndex: [],
    nextQuestion: [],
    firstQuestion: [],
    lastQuestion: [],
    questions: [],
    variantCount: [],
    variantQuestion: [],
    nextVariant: [],
    firstVariant: [],
    lastVariant: [],
  };
  const wordings = new SequenceTable();
  const spellings = new SequenceTable();
  const tokeniser = new QuestionTokens();
  const callIndexOf = new Map<string, number>();
  for (const conversation of conversations) {
    const { call, texts, sides } = conversation;
    let callIndex = callIndexOf.get(call.id);
    if (callIndex === undefined) {
      callIndex = callIndexOf.size;
      callIndexOf.set(call.id, callIndex);
    }
    for (let i = 0; i < texts.length; i++) {
      if (sides[i] !== 'external' || !isQuestion(texts[i]!)) continue;
      tokeniser.read(texts[i]!);
      const q = asked.sentence.length;
      asked.conversation.push(conversation);
      asked.sentence.push(i);
      asked.callIndex.push(callIndex);
      asked.nextQuestion.push(-1);
      const w = wordings.idOf(tokeniser.ids, tokeniser.count);
      if (w === asked.questions.length) {
        asked.firstQuestion.push(q);
        asked.lastQuestion.push(q);
        asked.questions.push(1);
        asked.firstVariant.push(-1);
        asked.lastVariant.push(-1);
      } else {
        asked.nextQuestion[asked.lastQuestion[w]!] = q;
        asked.lastQuestion[w] = q;
        asked.questions[w]!++;
      }
      // The spelling decides the tokens, so a spelling belongs to one wording; variants are numbered as spellings.
      const v = spellings.idOf(tokeniser.words, tokeniser.wordCount);
      if (v < asked.variantCount.length) asked.variantCount[v]!++;
      else {
        asked.variantCount.push(1);
        asked.variantQuestion.push(q);
        asked.nextVariant.push(-1);
        if (asked.lastVariant[w] === -1) asked.firstVariant[w] = v;
        else asked.nextVariant[asked.lastVariant[w]!] = v;
        asked.lastVariant[w] = v;
      }
    }
  }
  return { asked, wordings, tokens: tokeniser.tokens, calls: callIndexOf.size };
}

const textOf = (asked: Asked, q: number) => asked.conversation[q]!.texts[asked.sentence[q]!]!;

interface Variant {
  text: string;
  count: number;
}

/** The variants of a group's wordings, in order: wording by wording, each in order of first sight. */
function variantsOf(group: readonly number[], asked: Asked): Variant[] {
  const out: Variant[] = [];
  for (const w of group) {
    for (let v = asked.firstVariant[w]!; v >= 0; v = asked.nextVariant[v]!) {
      out.push({
        text: textOf(asked, asked.variantQuestion[v]!).trim(),
        count: asked.variantCount[v]!,
      });
    }
  }
  return out;
}

/** The group's most-asked spelling (ties: the first in text order): the question it is shown as. */
function questionOf(group: readonly number[], asked: Asked): string {
  let top: Variant | undefined;
  for (const variant of variantsOf(group, asked)) {
    if (!top || variant.count > top.count || (variant.count === top.count && variant.text < top.text))
      top = variant;
  }
  return top!.text;
}

/**
 * Questions asked by External speakers, grouped: identical normalised wordings first, then wordings whose
 * token sets are similar join the earliest-seen group they match (deterministic: input order decides).
 * Ranked by how many calls ask, then by how often, then alphabetically (then in the order groups were made).
 */
export function analyseQuestions(
  conversations: readonly Conversation[],
  topN: number,
  evidenceLimit: number,
  deals: DealSlicer | null = null,
): { total: number; groups: QuestionGroup[]; groupingRule: string } {
  const { asked, wordings, tokens, calls } = collect(conversations);
  const ranks = rankTokenIds(wordings.pool, wordings.starts, wordings.size, tokens);
  const groups = groupWordings(ranks, wordings.starts, wordings.size, SAME_QUESTION);
  // Counts first; the alphabetical tie-break needs the question's text, so it is read only for the groups that
  // tie within reach of the top N.
  const callCount = new Int32Array(groups.length);
  const askedCount = new Int32Array(groups.length);
  const callStamp = new Int32Array(calls);
  groups.forEach((group, g) => {
    for (const w of group) {
      askedCount[g]! += asked.questions[w]!;
      for (let q = asked.firstQuestion[w]!; q >= 0; q = asked.nextQuestion[q]!) {
        const call = asked.callIndex[q]!;
        if (callStamp[call] === g + 1) continue;
        callStamp[call] = g + 1;
        callCount[g]!++;
      }
    }
  });
  const byCounts = groups.map((_, g) => g);
  byCounts.sort((a, b) => callCount[b]! - callCount[a]! || askedCount[b]! - askedCount[a]! || a - b);
  const top: { g: number; question: string }[] = [];
  for (let from = 0; from < byCounts.length && top.length < topN; ) {
    const first = byCounts[from]!;
    let to = from + 1;
    while (
      to < byCounts.length &&
      callCount[byCounts[to]!] === callCount[first] &&
      askedCount[byCounts[to]!] === askedCount[first]
    )
      to++;
    const tied = byCounts.slice(from, to).map((g) => ({ g, question: questionOf(groups[g]!, asked) }));
    tied.sort((a, b) => (a.question < b.question ? -1 : a.question > b.question ? 1 : a.g - b.g));
    top.push(...tied.slice(0, topN - top.length));
    from = to;
  }
  return {
    total: asked.sentence.length,
    groups: top.map(({ g, question }) =>
      shown(groups[g]!, question, callCount[g]!, askedCount[g]!, asked, evidenceLimit, deals),
    ),
    groupingRule: QUESTION_GROUPING_RULE,
  };
}

function shown(
  group: readonly number[],
  question: string,
  callCount: number,
  askedCount: number,
  asked: Asked,
  evidenceLimit: number,
  deals: DealSlicer | null,
): QuestionGroup {
  const questions: number[] = [];
  for (const w of group) {
    for (let q = asked.firstQuestion[w]!; q >= 0; q = asked.nextQuestion[q]!) questions.push(q);
  }
  const wordings = variantsOf(group, asked).sort(
    (a, b) => b.count - a.count || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0),
  );
  return {
    question,
    callCount,
    askedCount,
    wordings: wordings.map((v) => v.text),
    ...(deals ? { byDeal: deals.slice(new Set(questions.map((q) => asked.conversation[q]!.call.id))) } : {}),
    evidence: questions
      .slice(0, evidenceLimit)
      .map((q) => evidenceOf(asked.conversation[q]!, asked.sentence[q]!)),
  };
}
