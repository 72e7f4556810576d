import type { Evidence, QuestionGroup } from '@callmine/contracts';
import { type Conversation, evidenceOf } from '../../../packages/analysis/src/conversation.ts';
import { isQuestion } from '../../../packages/analysis/src/questions/is-question.ts';
import { isStopWord, stem, words } from './tokens.ts';

/** Two wordings join one group when their stemmed content words overlap this much (Jaccard). */
export const SAME_QUESTION = 0.6;

interface Wording {
  key: string;
  tokens: Set<string>;
  /** Distinct spellings (ignoring case and punctuation) that normalised to this key, with how often each was said. */
  variants: Map<string, { text: string; count: number }>;
  asked: { callId: string; evidence: Evidence }[];
}

function tokensOf(text: string): string[] {
  const all = words(text);
  const content = all.filter((w) => !isStopWord(w));
  // A question made only of stop words ("how are you?") is compared on all its words.
  return (content.length > 0 ? content : all).map(stem);
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
): { total: number; groups: QuestionGroup[] } {
  const wordings = new Map<string, Wording>();
  let total = 0;
  for (const conversation of conversations) {
    const { call } = conversation;
    conversation.texts.forEach((text, i) => {
      if (conversation.sides[i] !== 'external' || !isQuestion(text)) return;
      total++;
      const tokens = tokensOf(text);
      const key = tokens.join(' ');
      let wording = wordings.get(key);
      if (!wording) {
        wording = { key, tokens: new Set(tokens), variants: new Map(), asked: [] };
        wordings.set(key, wording);
      }
      const spelling = words(text).join(' ');
      const variant = wording.variants.get(spelling);
      if (variant) variant.count++;
      else wording.variants.set(spelling, { text: text.trim(), count: 1 });
      wording.asked.push({ callId: call.id, evidence: evidenceOf(conversation, i) });
    });
  }
  const groups: Wording[][] = [];
  for (const wording of wordings.values()) {
    const home = groups.find((group) => jaccard(group[0]!.tokens, wording.tokens) >= SAME_QUESTION);
    if (home) home.push(wording);
    else groups.push([wording]);
  }
  const ranked = groups.map((group) => {
    const asked = group.flatMap((w) => w.asked);
    const variants = group
      .flatMap((w) => [...w.variants.values()])
      .sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    return {
      question: variants[0]!.text,
      callCount: new Set(asked.map((a) => a.callId)).size,
      askedCount: asked.length,
      wordings: variants.map((v) => v.text),
      evidence: asked.slice(0, evidenceLimit).map((a) => a.evidence),
    };
  });
  ranked.sort(
    (a, b) =>
      b.callCount - a.callCount ||
      b.askedCount - a.askedCount ||
      (a.question < b.question ? -1 : a.question > b.question ? 1 : 0),
  );
  return { total, groups: ranked.slice(0, topN) };
}
