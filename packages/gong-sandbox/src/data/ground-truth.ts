import type { TenantData } from './tenant-data.ts';
import { TRACKED_TERMS } from './terms.ts';
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
}

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
  }
  return truth;
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
