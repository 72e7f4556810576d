import { z } from 'zod';
import {
  dealCalls,
  evidence,
  questionGroup,
  repTalkMetrics,
  themeResult,
  trackerResult,
} from './analysis.ts';
import { reportFilters } from './report-filters.ts';
import { reportParameters, reportSummary } from './reports.ts';
import { scheduleWindowMode } from './schedules.ts';

// The report as the page reads it: reports.get answers the header, the aggregates and the trends (small, whatever
// the report's size); reports.evidence and reports.calls page the sentences and the calls. The whole stored report
// stays available through reports.export.

export const reportGetInput = z.strictObject({ id: z.string().min(1).max(100), ...reportFilters.shape });

/** Results without the sentences (paged by reports.evidence) or the per-call counts (in the trends instead). */
export const reportResultOverview = z.object({
  version: z.literal(1),
  calls: z.object({ total: z.number().int(), withTranscript: z.number().int(), sentences: z.number().int() }),
  trackers: z
    .array(
      trackerResult.omit({ evidence: true, byCall: true }).extend({
        /** Sentences kept as evidence (the count may be larger: settings.evidenceLimit). */
        evidenceKept: z.number().int(),
      }),
    )
    .nullable(),
  questions: z
    .object({
      total: z.number().int(),
      groups: z.array(questionGroup.omit({ evidence: true }).extend({ evidenceKept: z.number().int() })),
    })
    .nullable(),
  themes: z
    .object({
      customerWords: z.number().int(),
      themes: z.array(themeResult.omit({ evidence: true }).extend({ evidenceKept: z.number().int() })),
    })
    .nullable(),
  talk: z.array(repTalkMetrics).nullable(),
  /** Calls per deal outcome and stage (the deal filters' choices); null when no call has CRM context. */
  deals: dealCalls.nullable(),
});
export type ReportResultOverview = z.infer<typeof reportResultOverview>;

/** Why a week's numbers are not comparable with the others: they are shown, marked, and never drawn as a change. */
export const weekCoverage = z.enum(['full', 'window-start', 'window-end', 'quota']);
export type WeekCoverage = z.infer<typeof weekCoverage>;

const trackerTally = z.object({
  name: z.string(),
  mentions: z.number().int(),
  callsMentioning: z.number().int(),
});
export type TrackerTally = z.infer<typeof trackerTally>;

export const reportTrends = z.object({
  /** Every ISO week of the report's window, oldest first, with its analysed calls (after the rep filter). */
  weeks: z.array(
    z.object({
      week: z.string(),
      /** Monday and Sunday of the week (UTC dates). */
      from: z.string(),
      to: z.string(),
      calls: z.number().int(),
      coverage: weekCoverage,
    }),
  ),
  /** Per tracker, per week (aligned with weeks): mentions and calls that mention it. */
  trackers: z.array(
    z.object({
      name: z.string(),
      mentions: z.array(z.number().int()),
      callsMentioning: z.array(z.number().int()),
    }),
  ),
  /** Each rep's calls and tracker tallies (after every filter but rep), to set beside the team's. */
  reps: z.array(z.object({ repId: z.string(), calls: z.number().int(), trackers: z.array(trackerTally) })),
  team: z.object({ calls: z.number().int(), trackers: z.array(trackerTally) }),
  /** The trackers over the previous period of the same length; null when it was not measured. */
  previous: z
    .object({ from: z.string(), to: z.string(), calls: z.number().int(), trackers: z.array(trackerTally) })
    .nullable(),
});
export type ReportTrends = z.infer<typeof reportTrends>;

/** How the Gong connection now relates to the one the report's run used, in words rather than a version number. */
export const reportConnection = z.enum(['same', 'replaced', 'disconnected', 'unknown']);

/**
 * The schedule whose slot made the report's run, and the window it chose; null for a run started otherwise, or when
 * the schedule was deleted since.
 */
export const reportSchedule = z.object({
  scheduleId: z.string(),
  /** "Every Monday at 09:00 (Europe/Berlin)". */
  description: z.string(),
  /** The cadence slot; for "run now", the moment it was asked for. */
  slot: z.iso.datetime(),
  trigger: z.enum(['schedule', 'manual']),
  windowMode: scheduleWindowMode,
});
export type ReportSchedule = z.infer<typeof reportSchedule>;

export const reportOverview = reportSummary.extend({
  parameters: reportParameters,
  schedule: reportSchedule.nullable(),
  runStartedAt: z.iso.datetime().nullable(),
  connection: reportConnection,
  reps: z.record(z.string(), z.string()),
  result: reportResultOverview,
  trends: reportTrends,
  /** The filters applied, and what they leave: the calls matching every call filter. */
  filters: reportFilters,
  matchingCalls: z.number().int(),
  /** Tracker counts over the matching calls (null without a call filter: the result's are the ones). */
  filteredTrackers: z.array(trackerTally.extend({ shareOfCalls: z.number() })).nullable(),
});
export type ReportOverview = z.infer<typeof reportOverview>;

const cursor = z.number().int().min(0).max(1_000_000).default(0);
const limit = z.number().int().min(1).max(100).default(20);
const search = z.string().trim().max(200, 'Keep the search under 200 characters.').optional();

export const evidenceSection = z.enum(['trackers', 'questions', 'themes', 'talk']);
export type EvidenceSection = z.infer<typeof evidenceSection>;

export const reportEvidenceInput = z.strictObject({
  reportId: z.string().min(1).max(100),
  section: evidenceSection,
  /** The row: a tracker's name, a question group's question, a theme's phrase or a rep's id (talk). */
  key: z.string().max(500).optional(),
  ...reportFilters.shape,
  search,
  cursor,
  limit,
});
export type ReportEvidenceInput = z.input<typeof reportEvidenceInput>;

export const reportEvidenceItem = evidence.extend({
  callTitle: z.string(),
  callStarted: z.string(),
  callUrl: z.string(),
  repId: z.string(),
  repName: z.string(),
});
export type ReportEvidenceItem = z.infer<typeof reportEvidenceItem>;

export const reportEvidencePage = z.object({
  items: z.array(reportEvidenceItem),
  /** Matching sentences kept in the report (the count in the table may be larger: settings.evidenceLimit). */
  total: z.number().int(),
  nextCursor: z.number().int().nullable(),
});
export type ReportEvidencePage = z.infer<typeof reportEvidencePage>;

export const reportCallsSort = z.enum(['newest', 'oldest', 'mentions', 'title', 'rep', 'duration']);
export type ReportCallsSort = z.infer<typeof reportCallsSort>;

export const reportCallsInput = z.strictObject({
  reportId: z.string().min(1).max(100),
  ...reportFilters.shape,
  search,
  sort: reportCallsSort.default('newest'),
  cursor,
  limit,
});
export type ReportCallsInput = z.input<typeof reportCallsInput>;

export const reportCallRow = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string(),
  started: z.string(),
  durationSeconds: z.number().int(),
  repId: z.string(),
  repName: z.string(),
  /** Tracker mentions on the call: of the filtered tracker, or of all trackers. */
  mentions: z.number().int(),
});
export type ReportCallRow = z.infer<typeof reportCallRow>;

export const reportCallsPage = z.object({
  items: z.array(reportCallRow),
  total: z.number().int(),
  nextCursor: z.number().int().nullable(),
});
export type ReportCallsPage = z.infer<typeof reportCallsPage>;
