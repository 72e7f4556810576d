import type { Evidence, ThemeResult } from '@callmine/contracts';
import { type Conversation, evidenceOf } from '../../../packages/analysis/src/conversation.ts';
import { phrasesOf } from './phrases.ts';

interface Counts {
  count: Map<string, number>;
  calls: Map<string, number>;
  words: number;
}

function customerCounts(conversations: readonly Conversation[]): Counts {
  const counts: Counts = { count: new Map(), calls: new Map(), words: 0 };
  for (const { texts, sides } of conversations) {
    const seen = new Set<string>();
    for (let i = 0; i < texts.length; i++) {
      if (sides[i] !== 'external') continue;
      const { phrases, wordCount } = phrasesOf(texts[i]!);
      counts.words += wordCount;
      for (const phrase of phrases) {
        counts.count.set(phrase, (counts.count.get(phrase) ?? 0) + 1);
        seen.add(phrase);
      }
    }
    for (const phrase of seen) counts.calls.set(phrase, (counts.calls.get(phrase) ?? 0) + 1);
  }
  return counts;
}

const perThousand = (count: number, words: number) => (words === 0 ? 0 : (count * 1000) / words);

/**
 * What customers talk about: phrase frequency in External speech weighted by TF-IDF with each call as a
 * document (score = count × ln(1 + calls ÷ calls mentioning)), so a phrase said in every call ("sounds good")
 * ranks below one said often in some. A phrase must be said at least twice. Change is the rate per 1,000
 * customer words against the previous period, which corrects for periods of different volume.
 */
export function analyseThemes(
  conversations: readonly Conversation[],
  previous: readonly Conversation[] | null,
  topN: number,
  evidenceLimit: number,
): { customerWords: number; themes: ThemeResult[] } {
  const now = customerCounts(conversations);
  const before = previous ? customerCounts(previous) : null;
  const documents = Math.max(1, conversations.length);
  const scored = [...now.count]
    .filter(([, count]) => count >= 2)
    .map(([phrase, count]) => {
      const calls = now.calls.get(phrase) ?? 1;
      return { phrase, count, calls, score: count * Math.log(1 + documents / calls) };
    })
    .sort((a, b) => b.score - a.score || b.count - a.count || (a.phrase < b.phrase ? -1 : 1))
    .slice(0, topN);

  const evidence = new Map<string, Evidence[]>(scored.map((s) => [s.phrase, []]));
  for (const conversation of conversations) {
    const { texts, sides } = conversation;
    for (let i = 0; i < texts.length; i++) {
      if (sides[i] !== 'external') continue;
      for (const phrase of new Set(phrasesOf(texts[i]!).phrases)) {
        const list = evidence.get(phrase);
        if (list && list.length < evidenceLimit) list.push(evidenceOf(conversation, i));
      }
    }
  }
  return {
    customerWords: now.words,
    themes: scored.map((s) => ({
      phrase: s.phrase,
      count: s.count,
      callCount: s.calls,
      score: Math.round(s.score * 1000) / 1000,
      ratePerThousand: perThousand(s.count, now.words),
      previousRatePerThousand: before ? perThousand(before.count.get(s.phrase) ?? 0, before.words) : null,
      evidence: evidence.get(s.phrase) ?? [],
    })),
  };
}
