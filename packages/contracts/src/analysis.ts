import { z } from 'zod';
import { dealBucket } from './deal-bucket.ts';

// The analysis engine's input, settings and result. @callmine/analysis consumes and produces exactly these
// shapes; the worker stores the result as a report. Input shapes follow Gong's /v2/calls/extensive (parties)
// and /v2/calls/transcript (monologues of sentences, times in ms from the call's start).

export const affiliation = z.enum(['Internal', 'External', 'Unknown']);
export type Affiliation = z.infer<typeof affiliation>;

export const analysisParty = z.object({
  speakerId: z.string().nullable(),
  affiliation,
  name: z.string().default(''),
  /** Gong user id for our own people; lets the rep's voice be found among the parties. */
  userId: z.string().optional(),
});

/** What a CRM opportunity's outcome is: closed won, closed lost, or still open. */
export const dealOutcome = z.enum(['won', 'lost', 'open']);
export type DealOutcome = z.infer<typeof dealOutcome>;

/**
 * The CRM deal a call belongs to, from Gong's call context (`contentSelector.context`): the Account and the
 * Opportunity objects, as the CRM knew them when the calls were listed. Either may be missing; many calls have
 * no CRM object at all (then the call carries no deal).
 */
export const callDeal = z.object({
  system: z.string(),
  account: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  opportunity: z
    .object({
      id: z.string(),
      name: z.string().nullable(),
      stage: z.string().nullable(),
      amount: z.number().nullable(),
      /** As the CRM wrote it, usually YYYY-MM-DD. */
      closeDate: z.string().nullable(),
      outcome: dealOutcome,
    })
    .nullable(),
});
export type CallDeal = z.infer<typeof callDeal>;

export const analysisCall = z.object({
  id: z.string(),
  title: z.string().default(''),
  url: z.string().default(''),
  /** ISO-8601 date-time the call started. */
  started: z.string(),
  /** Seconds, as Gong reports it. */
  duration: z.number().nonnegative(),
  /** The rep who owns the call. */
  primaryUserId: z.string(),
  parties: z.array(analysisParty).default([]),
  /** The call's CRM deal; absent or null when Gong knows none. */
  deal: callDeal.nullable().optional(),
});
export type AnalysisCall = z.infer<typeof analysisCall>;

export const transcriptSentence = z.object({ start: z.number(), end: z.number(), text: z.string() });
export const transcriptMonologue = z.object({
  speakerId: z.string(),
  topic: z.string().nullable().optional(),
  sentences: z.array(transcriptSentence),
});
export const analysisTranscript = z.object({ callId: z.string(), transcript: z.array(transcriptMonologue) });
export type AnalysisTranscript = z.infer<typeof analysisTranscript>;

export const analysisCorpus = z.object({
  calls: z.array(analysisCall),
  transcripts: z.array(analysisTranscript),
});
export type AnalysisCorpus = z.infer<typeof analysisCorpus>;

export const analysisInput = analysisCorpus.extend({
  /** The previous period of the same length, for the themes' change; omit when there is none. */
  previous: analysisCorpus.optional(),
});
export type AnalysisInput = z.input<typeof analysisInput>;

const phraseText = z
  .string()
  .trim()
  .min(1, 'A phrase needs at least one character.')
  .max(200, 'Keep a phrase under 200 characters.');

export const trackerPhrase = z.strictObject({
  phrase: phraseText,
  /** Other words for the same thing; a synonym's match counts for its phrase. */
  synonyms: z.array(phraseText).max(50).default([]),
});
export const trackerSettings = z.strictObject({
  name: z.string().trim().min(1, 'Give the tracker a name.').max(80, 'Keep the name under 80 characters.'),
  phrases: z
    .array(trackerPhrase)
    .min(1, 'Add at least one phrase.')
    .max(200, 'A tracker can hold 200 phrases.'),
});
export type TrackerSettings = z.input<typeof trackerSettings>;

export const analyserName = z.enum(['trackers', 'questions', 'themes', 'talk']);
export type AnalyserName = z.infer<typeof analyserName>;

export const analysisSettings = z.strictObject({
  analysers: z
    .array(analyserName)
    .min(1, 'Pick at least one analysis.')
    .default(['trackers', 'questions', 'themes', 'talk']),
  trackers: z.array(trackerSettings).max(200, 'An analysis can hold 200 trackers.').default([]),
  /** Evidence kept per counted item; counts stay exact beyond it. Bounds the stored report's size. */
  evidenceLimit: z.number().int().min(1).max(10_000).default(50),
  /** How many themes and question groups to keep. */
  topN: z.number().int().min(1).max(500).default(50),
});
export type AnalysisSettings = z.input<typeof analysisSettings>;
export type ParsedAnalysisSettings = z.output<typeof analysisSettings>;

export const side = z.enum(['internal', 'external', 'unknown']);
export type Side = z.infer<typeof side>;

/** Where a counted thing was said: enough for the UI to open the call's Gong URL at that time. */
export const evidence = z.object({
  callId: z.string(),
  speakerId: z.string(),
  side,
  /** Position of the sentence in the call's transcript, counting every sentence of every monologue. */
  sentenceIndex: z.number().int(),
  startMs: z.number(),
  text: z.string(),
});
export type Evidence = z.infer<typeof evidence>;

/**
 * How many calls of each deal slice mention a tracker or ask a question: by outcome (won / lost / open / none =
 * no opportunity) and by opportunity stage ("No deal" for none). Divide by `deals.calls` for the share.
 */
export const byDeal = z.object({
  outcome: z.record(dealBucket, z.number().int()),
  stage: z.record(z.string(), z.number().int()),
});
export type ByDeal = z.infer<typeof byDeal>;

/** The denominators of every byDeal: transcribed calls per outcome and per stage. */
export const dealCalls = z.object({
  /** Transcribed calls with a CRM opportunity (the rest are in outcome.none). */
  withDeal: z.number().int(),
  outcome: z.record(dealBucket, z.number().int()),
  stage: z.record(z.string(), z.number().int()),
});
export type DealCalls = z.infer<typeof dealCalls>;

const bySide = z.object({
  internal: z.number().int(),
  external: z.number().int(),
  unknown: z.number().int(),
});
export type BySide = z.infer<typeof bySide>;

export const phraseResult = z.object({
  phrase: z.string(),
  mentions: z.number().int(),
  bySide,
  callsMentioning: z.number().int(),
});
export const trackerResult = z.object({
  name: z.string(),
  mentions: z.number().int(),
  bySide,
  callsMentioning: z.number().int(),
  /** callsMentioning ÷ calls with a transcript (0 when none). */
  shareOfCalls: z.number(),
  phrases: z.array(phraseResult),
  byCall: z.record(z.string(), z.number().int()),
  byRep: z.record(z.string(), z.number().int()),
  /** ISO week of the call's start (UTC), e.g. 2026-W48. */
  byWeek: z.record(z.string(), z.number().int()),
  /** Calls mentioning it per deal slice (absent in reports made before deal context). */
  byDeal: byDeal.optional(),
  evidence: z.array(evidence),
});
export type TrackerResult = z.infer<typeof trackerResult>;

export const questionGroup = z.object({
  /** The most common wording in the group. */
  question: z.string(),
  callCount: z.number().int(),
  askedCount: z.number().int(),
  wordings: z.array(z.string()),
  /** Calls asking it per deal slice (absent in reports made before deal context). */
  byDeal: byDeal.optional(),
  evidence: z.array(evidence),
});
export type QuestionGroup = z.infer<typeof questionGroup>;

export const themeResult = z.object({
  phrase: z.string(),
  count: z.number().int(),
  callCount: z.number().int(),
  score: z.number(),
  /** Mentions per 1,000 customer words now and in the previous period (null when no previous period). */
  ratePerThousand: z.number(),
  previousRatePerThousand: z.number().nullable(),
  /** Other phrases merged into this theme (fragments said in the same sentences, plural forms, longer variants). */
  variants: z.array(z.string()).optional(),
  /** Among the phrases up most against the previous period. */
  emerging: z.boolean().optional(),
  evidence: z.array(evidence),
});
export type ThemeResult = z.infer<typeof themeResult>;

export const repTalkMetrics = z.object({
  repId: z.string(),
  calls: z.number().int(),
  talkRatio: z.number().nullable(),
  longestMonologueMs: z.number(),
  longestCustomerStoryMs: z.number(),
  interactivity: z.number().nullable(),
  questionRate: z.number().nullable(),
  longestMonologue: evidence.nullable(),
  longestCustomerStory: evidence.nullable(),
});
export type RepTalkMetrics = z.infer<typeof repTalkMetrics>;

export const analysisResult = z.object({
  version: z.literal(1),
  calls: z.object({ total: z.number().int(), withTranscript: z.number().int(), sentences: z.number().int() }),
  trackers: z.array(trackerResult).nullable(),
  questions: z
    .object({
      total: z.number().int(),
      groups: z.array(questionGroup),
      /** The rule that decided which wordings are one question, in words (absent in older reports). */
      groupingRule: z.string().optional(),
    })
    .nullable(),
  themes: z
    .object({
      customerWords: z.number().int(),
      themes: z.array(themeResult),
      /** The phrases up most against the previous period, most first (absent without a previous period). */
      emerging: z.array(themeResult).optional(),
      /** How themes were found and ranked, in words (absent in older reports). */
      method: z.string().optional(),
    })
    .nullable(),
  talk: z.array(repTalkMetrics).nullable(),
  /** Calls per deal slice, when any analysed call has CRM context (absent in older reports). */
  deals: dealCalls.nullable().optional(),
});
export type AnalysisResult = z.infer<typeof analysisResult>;

/** The call selection a run resolved from its analysis or form (dates, filters): kept on the run and its report. */
export const resolvedSelection = z.object({
  from: z.string(),
  to: z.string(),
  repEmails: z.array(z.string()),
  externalOnly: z.boolean(),
  minDurationMinutes: z.number(),
  titleContains: z.string(),
  fromDateTime: z.string().optional(),
  toDateTime: z.string().optional(),
});
