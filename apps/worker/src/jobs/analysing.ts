import { STARTER_TRACKERS } from '@callmine/analysis';
import {
  type AnalysisInput,
  type AnalysisResult,
  type AnalysisSettings,
  analysisSettings,
  isRunName,
  type ParsedAnalysisSettings,
  type ReportPartial,
  runName,
} from '@callmine/contracts';
import { type Db, runQuotaOutcome } from '@callmine/db';
import { loadPreviousPeriod } from './previous-period.ts';
import { analysisCallOf, analysisTranscriptOf, repNamesOf, reportCallOf } from './report-input.ts';
import { type CommitOutcome, commitReport, type ReportContent } from './report-store.ts';
import { loadRunData, type RunRow, selectionOf } from './run-store.ts';
import { computeTotals } from './totals.ts';

// The analysing phase: everything comes from the Gong cache the fetching phases filled (no network), the engine
// (@callmine/analysis) turns it into a result, and one transaction stores the report and completes the run.

/**
 * The engine's signature. The worker's composition root runs @callmine/analysis's `analyze` on a thread
 * (./analysis-thread); a test may pass the engine itself, or wrap it. `signal` aborts on shutdown or a lost lease.
 */
export type Analyze = (
  input: AnalysisInput,
  settings: AnalysisSettings,
  signal?: AbortSignal,
) => AnalysisResult | Promise<AnalysisResult>;

/**
 * What a run made before runs snapshotted their settings analyses with: the ad-hoc defaults (every analyser and
 * the starter trackers), the same as packages/api's AD_HOC_SETTINGS for runs.start.
 */
export const AD_HOC_DEFAULTS: ParsedAnalysisSettings = analysisSettings.parse({ trackers: STARTER_TRACKERS });

export function settingsOf(row: Pick<RunRow, 'settings'>): ParsedAnalysisSettings {
  return row.settings == null ? AD_HOC_DEFAULTS : analysisSettings.parse(row.settings);
}

/** The report's first and last day: the selection's days, or the dates of a schedule's exact instants. */
export function reportDays(row: RunRow): { fromDay: string; toDay: string } {
  const selection = selectionOf(row);
  if (selection.fromDateTime && selection.toDateTime) {
    const to = new Date(new Date(selection.toDateTime).getTime() - 1);
    return { fromDay: selection.fromDateTime.slice(0, 10), toDay: to.toISOString().slice(0, 10) };
  }
  return { fromDay: selection.from, toDay: selection.to };
}

/** Why the report covers fewer calls than the run selected: the workspace's monthly quota ran out mid-selection. */
export async function partialOf(db: Db, row: RunRow): Promise<ReportPartial | null> {
  const outcome = await runQuotaOutcome(db, row.id);
  if (!outcome?.partial) return null;
  return {
    reason: 'quota-reached',
    callsSelected: outcome.callsSelected,
    callsAnalyzed: outcome.callsAnalysed,
    callsSkipped: outcome.callsSkipped,
    allowance: outcome.allowance,
    used: outcome.used,
    // jobs/quota.ts decides a run's calls newest first.
    admitted: 'newest-first',
  };
}

/** Reads the run's cached calls and transcripts, analyses them and builds the report (no writes). */
export async function buildReport(
  db: Db,
  row: RunRow,
  analyze: Analyze,
  signal?: AbortSignal,
): Promise<ReportContent> {
  const selection = selectionOf(row);
  const settings = settingsOf(row);
  const { calls, transcripts } = await loadRunData(db, row.id, row.workspaceId);
  const withThemes = settings.analysers.includes('themes');
  const withTrackers = settings.analysers.includes('trackers');
  // The previous period (from the cache, no Gong requests) gives the themes' and the trackers' change.
  const previous =
    withThemes || withTrackers ? await loadPreviousPeriod(db, row.workspaceId, selection) : null;
  // No previous corpus at all (rather than an empty one) when nothing is cached: the themes then show no
  // change instead of every theme as new.
  const previousCorpus =
    previous && previous.transcripts.length > 0
      ? {
          calls: previous.calls.map(analysisCallOf),
          transcripts: previous.transcripts.map(analysisTranscriptOf),
        }
      : null;
  const input: AnalysisInput = {
    calls: calls.map(analysisCallOf),
    transcripts: transcripts.map(analysisTranscriptOf),
    ...(previousCorpus && withThemes ? { previous: previousCorpus } : {}),
  };
  const result = await analyze(input, settings, signal);
  // Counts only: the previous period's trackers keep no evidence.
  const previousTrackers =
    previousCorpus && withTrackers
      ? (
          await analyze(previousCorpus, { ...settings, analysers: ['trackers'], evidenceLimit: 1 }, signal)
        ).trackers?.map((t) => ({ name: t.name, mentions: t.mentions, callsMentioning: t.callsMentioning }))
      : undefined;
  const { fromDay, toDay } = reportDays(row);
  return {
    // The run's one name (contracts' runName); runs stored before it had the analysis's name alone.
    name:
      row.name && isRunName(row.name) ? row.name : runName(row.analysisId ? row.name : null, fromDay, toDay),
    parameters: {
      selection,
      settings,
      previousPeriod: previous
        ? {
            from: previous.from,
            to: previous.to,
            calls: previous.transcripts.length,
            ...(withTrackers ? { trackers: previousTrackers ?? [] } : {}),
          }
        : null,
    },
    fromDay,
    toDay,
    calls: calls.map(reportCallOf),
    reps: repNamesOf(calls),
    result,
    partial: await partialOf(db, row),
    // The Runs page's totals, from the same data.
    totals: computeTotals(transcripts, calls),
  };
}

/** Builds the report, then stores it and completes the run in one transaction, stamped when it commits. */
export async function analyseAndReport(
  db: Db,
  row: RunRow,
  analyze: Analyze,
  now: () => Date,
  signal?: AbortSignal,
): Promise<CommitOutcome> {
  const content = await buildReport(db, row, analyze, signal);
  return commitReport(db, row.id, content, now());
}
