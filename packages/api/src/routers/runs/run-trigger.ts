import { isRunName, type RunTrigger, runName } from '@callmine/contracts';

/**
 * How a run started, from what the rows record: the run's own trigger ('schedule' for a slot, 'manual' for a
 * person) and, when a schedule occurrence points at it, that occurrence's trigger ('manual' = the schedule's
 * Run now). API-token runs are 'manual' runs of the token's creator: the run row does not tell them apart.
 */
export function runTriggerOf(
  run: 'manual' | 'schedule',
  occurrence: 'manual' | 'schedule' | null,
): RunTrigger {
  if (run === 'schedule') return 'schedule';
  return occurrence === 'manual' ? 'schedule-run-now' : 'manual';
}

/**
 * The analysis's name as the run recorded it at start, for naming the run ("Competitor watch · <from> to <to>").
 * Null for an ad-hoc run, whose recorded name only repeats its dates, and once the analysis is deleted (that clears
 * analysisId, so the two can no longer be told apart).
 */
export function analysisRunName(run: { analysisId: string | null; name: string | null }): string | null {
  return run.analysisId ? run.name : null;
}

/** The run's one name (contracts' runName): stored since it existed; made from the old fields for older runs. */
export function runDisplayName(run: {
  analysisId: string | null;
  name: string | null;
  selection: unknown;
}): string {
  if (run.name && isRunName(run.name)) return run.name;
  const { from, to } = run.selection as { from: string; to: string };
  return runName(analysisRunName(run), from, to);
}
