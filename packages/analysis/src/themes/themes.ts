import type { Evidence, ThemeResult } from '@callmine/contracts';
import { type Conversation, evidenceOf } from '../conversation.ts';
import {
  type CustomerSentences,
  countPhrases,
  customerSentences,
  distinctiveness,
  locate,
  type PhraseCounts,
  topCandidates,
  Vocabulary,
} from './candidates.ts';
import { mergeFragments, type Theme } from './merge.ts';
import { nounPhrases } from './noun-phrases.ts';

/** Said in words with every result, so a reader knows what a theme is. */
export const THEME_METHOD =
  'Noun phrases in customer speech (part-of-speech tagged and lemmatised with wink-nlp), leaving out stop words, ' +
  'filler, small talk, time words and numbers; phrases said in the same sentences are merged into one theme. ' +
  'Ranked by TF-IDF with every call of this and the previous period as a document, so what most calls say sinks. ' +
  'Emerging: the themes whose rate per customer word rose most against the previous period (at least doubled).';

/** How many candidate phrases the tagger checks: enough that the top themes survive the noun-phrase filter. */
const candidateLimit = (topN: number) => Math.max(300, topN * 6);
const EMERGING_MAX = 5;
const EMERGING_MIN_COUNT = 5;

const perThousand = (count: number, words: number) => (words === 0 ? 0 : (count * 1000) / words);

interface Ranked {
  theme: Theme;
  count: number;
  calls: number;
  score: number;
  previousCount: number | null;
  lift: number;
  /** The rise is beyond chance: at least three standard deviations (Poisson) above the previous rate's count. */
  significant: boolean;
}

/**
 * What customers talk about (see THEME_METHOD). Three stages: count 1–3-word phrases between stop words and filler
 * in every customer sentence (candidates.ts), keep the candidates that the tagger reads as noun phrases in the
 * sentences where they were said (noun-phrases.ts), merge fragments of one wording (merge.ts), then rank.
 * A theme's count is the number of customer sentences saying it; the previous period's count is its most-said
 * wording's. Every theme keeps its evidence sentences (up to `evidenceLimit`).
 */
export function analyseThemes(
  conversations: readonly Conversation[],
  previous: readonly Conversation[] | null,
  topN: number,
  evidenceLimit: number,
): { customerWords: number; themes: ThemeResult[]; emerging?: ThemeResult[]; method: string } {
  const vocabulary = new Vocabulary();
  const sentences = customerSentences(conversations);
  const { counts: now, sentenceIds } = countPhrases(vocabulary, sentences, conversations.length);
  const before = previous
    ? countPhrases(vocabulary, customerSentences(previous), previous.length).counts
    : null;
  const candidates = topCandidates(vocabulary, now, before, candidateLimit(topN));
  const occurrences = locate(now, sentenceIds, candidates.keys);
  const themes = mergeFragments(nounPhrases(candidates.phrases, occurrences, sentences), sentences);
  const ranked = themes
    .map((theme) => rank(theme, sentences, vocabulary, now, before))
    .filter((r) => r.count >= 2)
    .sort((a, b) => b.score - a.score || b.count - a.count || (a.theme.phrase < b.theme.phrase ? -1 : 1));
  const emerging = before
    ? ranked
        .filter((r) => r.count >= EMERGING_MIN_COUNT && r.lift >= Math.log(2) && r.significant)
        .sort((a, b) => b.lift - a.lift || (a.theme.phrase < b.theme.phrase ? -1 : 1))
        .slice(0, EMERGING_MAX)
    : [];
  const isEmerging = new Set(emerging);
  const result = (r: Ranked): ThemeResult => ({
    phrase: r.theme.phrase,
    count: r.count,
    callCount: r.calls,
    score: Math.round(r.score * 1000) / 1000,
    ratePerThousand: perThousand(r.count, now.words),
    previousRatePerThousand:
      before && r.previousCount !== null ? perThousand(r.previousCount, before.words) : null,
    variants: variantsOf(r.theme),
    emerging: isEmerging.has(r),
    evidence: evidenceFor(r.theme, sentences, evidenceLimit),
  });
  return {
    customerWords: now.words,
    themes: ranked.slice(0, topN).map(result),
    ...(before ? { emerging: emerging.map(result) } : {}),
    method: THEME_METHOD,
  };
}

function rank(
  theme: Theme,
  sentences: CustomerSentences,
  vocabulary: Vocabulary,
  now: PhraseCounts,
  before: PhraseCounts | null,
): Ranked {
  const calls = new Set(theme.sentences.map((sid) => sentences.callIndex[sid]!)).size;
  let previousCount: number | null = before ? 0 : null;
  let previousCalls = 0;
  if (before) {
    for (const member of theme.members) {
      for (const wording of member.wordings) {
        const key = vocabulary.keyOf(wording);
        const stat = key === undefined ? undefined : before.statOf(key);
        previousCount = Math.max(previousCount ?? 0, stat?.count ?? 0);
        previousCalls = Math.max(previousCalls, stat?.calls ?? 0);
      }
    }
  }
  const count = theme.sentences.length;
  const documents = now.documents + (before?.documents ?? 0);
  // Smoothed (add one) so a theme absent before gets a large but finite lift.
  const lift = before
    ? Math.log((count + 1) / (now.words + 1)) - Math.log(((previousCount ?? 0) + 1) / (before.words + 1))
    : 0;
  const expected = before ? ((previousCount ?? 0) * now.words) / Math.max(1, before.words) : 0;
  return {
    theme,
    count,
    calls,
    score: distinctiveness(count, calls, previousCalls, documents),
    previousCount,
    lift,
    significant: count - expected >= 3 * Math.sqrt(expected + 1),
  };
}

/** The merged phrases as shown, then other wordings of them ("audit logs" beside "audit log"), once each. */
function variantsOf(theme: Theme): string[] {
  const seen = new Set([theme.phrase.toLowerCase()]);
  const out: string[] = [];
  for (const text of theme.members.flatMap((m) => [m.display, ...m.wordings])) {
    if (seen.has(text.toLowerCase())) continue;
    seen.add(text.toLowerCase());
    out.push(text);
  }
  return out;
}

function evidenceFor(theme: Theme, sentences: CustomerSentences, limit: number): Evidence[] {
  return theme.sentences
    .slice(0, limit)
    .map((sid) =>
      evidenceOf(sentences.conversations[sentences.callIndex[sid]!]!, sentences.sentenceIndex[sid]!),
    );
}
