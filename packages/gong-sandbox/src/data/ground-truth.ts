import { bucketOf, type DealBucket } from './crm.ts';
import { PARAPHRASE_GROUPS } from './planted.ts';
import { TEMPLATES } from './sentences.ts';
import type { TenantData } from './tenant-data.ts';
import { COMPETITORS, TRACKED_TERMS } from './terms.ts';
import type { Affiliation } from './types.ts';

export interface GroundTruth {
  callCount: number;
  transcriptCount: number;
  userCount: number;
  internalOnlyCallCount: number;
  monologueCount: number;
  sentenceCount: number;
  /** Whole-word, case-insensitive occurrences of each tracked term (competitors and pricing words). */
  mentions: Record<string, number>;
  mentionsByAffiliation: Record<'Internal' | 'External', Record<string, number>>;
  /** Calls whose transcript mentions the term at least once. */
  callsMentioning: Record<string, number>;
  /** Sentences ending with '?' spoken by external (prospect) speakers. */
  questionsByExternal: number;
  questionsByInternal: number;
  firstCallStarted: string | null;
  lastCallStarted: string | null;
  /** Themes planted in customer speech: steady ones all along, the emerging one from `emergingFromIndex` on. */
  themes: { steady: string[]; emerging: string; emergingFromIndex: number };
  /**
   * Every customer question wording the generator can say, grouped: wordings of one group are paraphrases of one
   * question (per competitor where the question names one); every other wording is a group of its own.
   */
  questionGroups: { id: string; wordings: string[] }[];
  /** Transcribed calls by deal outcome and stage (from the call's CRM context), and those mentioning each term. */
  deals: {
    calls: Record<DealBucket, number>;
    callsByStage: Record<string, number>;
    callsMentioning: Record<DealBucket, Record<string, number>>;
    callsMentioningByStage: Record<string, Record<string, number>>;
  };
}

/** The stage slice of a call without an opportunity. */
export const NO_DEAL_STAGE = 'No deal';

const zeroCounts = (): Record<string, number> => Object.fromEntries(TRACKED_TERMS.map((term) => [term, 0]));

/** Walks every generated transcript once; counts come from the generator's own sentence facts. */
export function computeGroundTruth(data: TenantData): GroundTruth {
  const truth: GroundTruth = {
    callCount: data.callCount,
    transcriptCount: 0,
    userCount: data.users.length,
    internalOnlyCallCount: 0,
    monologueCount: 0,
    sentenceCount: 0,
    mentions: zeroCounts(),
    mentionsByAffiliation: { Internal: zeroCounts(), External: zeroCounts() },
    callsMentioning: zeroCounts(),
    questionsByExternal: 0,
    questionsByInternal: 0,
    firstCallStarted: data.callCount > 0 ? data.call(0).metaData.started : null,
    lastCallStarted: data.callCount > 0 ? data.call(data.callCount - 1).metaData.started : null,
    themes: {
      steady: data.themes.steady.map((t) => t.phrase),
      emerging: data.themes.emerging.phrase,
      emergingFromIndex: data.emergingFromIndex,
    },
    questionGroups: questionGroups(data),
    deals: {
      calls: { won: 0, lost: 0, open: 0, none: 0 },
      callsByStage: {},
      callsMentioning: { won: zeroCounts(), lost: zeroCounts(), open: zeroCounts(), none: zeroCounts() },
      callsMentioningByStage: {},
    },
  };
  for (const call of data.calls()) {
    if (call.metaData.scope === 'Internal') truth.internalOnlyCallCount++;
    if (!call.hasTranscript) continue;
    const monologues = data.transcriptOf(call);
    truth.transcriptCount++;
    truth.monologueCount += monologues.length;
    const mentionedHere = new Set<string>();
    for (const monologue of monologues) {
      const side = sideOf(monologue.affiliation);
      for (const sentence of monologue.sentences) {
        truth.sentenceCount++;
        const { template } = sentence;
        if (template.question) {
          if (side === 'External') truth.questionsByExternal++;
          else truth.questionsByInternal++;
        }
        for (const [term, count] of template.terms) addMention(truth, side, mentionedHere, term, count);
        if (sentence.competitor) {
          addMention(truth, side, mentionedHere, sentence.competitor, template.competitorSlots);
        }
      }
    }
    for (const term of mentionedHere) truth.callsMentioning[term] = (truth.callsMentioning[term] ?? 0) + 1;
    const deal = data.dealOf(call);
    const bucket = bucketOf(deal);
    const stage = deal?.opportunity?.stage ?? NO_DEAL_STAGE;
    const deals = truth.deals;
    deals.calls[bucket]++;
    deals.callsByStage[stage] = (deals.callsByStage[stage] ?? 0) + 1;
    deals.callsMentioningByStage[stage] ??= zeroCounts();
    for (const term of mentionedHere) {
      deals.callsMentioning[bucket][term] = (deals.callsMentioning[bucket][term] ?? 0) + 1;
      const byStage = deals.callsMentioningByStage[stage]!;
      byStage[term] = (byStage[term] ?? 0) + 1;
    }
  }
  return truth;
}

function questionGroups(data: TenantData): GroundTruth['questionGroups'] {
  const expand = (text: string) =>
    text.includes('{competitor}') ? COMPETITORS.map((c) => text.replaceAll('{competitor}', c)) : [text];
  const groups: GroundTruth['questionGroups'] = [];
  const grouped = new Set<string>();
  for (const paraphrases of PARAPHRASE_GROUPS) {
    const texts = [...paraphrases.existing, ...paraphrases.planted.map((t) => t.text)];
    for (const text of texts) grouped.add(text);
    const perCompetitor = texts.some((t) => t.includes('{competitor}'));
    if (perCompetitor) {
      for (const competitor of COMPETITORS) {
        groups.push({
          id: `${paraphrases.id}:${competitor}`,
          wordings: texts.map((t) => t.replaceAll('{competitor}', competitor)),
        });
      }
    } else groups.push({ id: paraphrases.id, wordings: texts });
  }
  const planted = [...data.themes.steady, data.themes.emerging].flatMap((t) => t.sentences);
  const external = [...Object.values(TEMPLATES).flatMap((sides) => sides.external), ...planted];
  for (const template of external) {
    if (!template.question || grouped.has(template.text)) continue;
    grouped.add(template.text);
    for (const wording of expand(template.text)) groups.push({ id: wording, wordings: [wording] });
  }
  return groups;
}

function sideOf(affiliation: Affiliation): 'Internal' | 'External' {
  return affiliation === 'External' ? 'External' : 'Internal';
}

function addMention(
  truth: GroundTruth,
  side: 'Internal' | 'External',
  mentionedHere: Set<string>,
  term: string,
  count: number,
): void {
  truth.mentions[term] = (truth.mentions[term] ?? 0) + count;
  const bySide = truth.mentionsByAffiliation[side];
  bySide[term] = (bySide[term] ?? 0) + count;
  mentionedHere.add(term);
}
