import { type RunTrigger, runName } from '@callmine/contracts';

// How the Runs page, Settings → Usage and the schedules name a run: by its analysis and dates, and by what started it.

/** The run's one name from the API ("Competitor watch · 2026-09-01 to 2026-11-29"), the same as its report's. */
export function runTitle(run: { name: string | null; from: string; to: string }): string {
  return run.name ?? runName(null, run.from, run.to);
}

/** "Scheduled", "Run now on its schedule by Ada", "Started by Ada" (API-token runs read as their creator's). */
export function runOrigin(run: { trigger: RunTrigger; startedBy: string | null }): string {
  const who = run.startedBy ?? 'a former member';
  if (run.trigger === 'schedule') return 'Scheduled';
  if (run.trigger === 'schedule-run-now') return `Run now on its schedule by ${who}`;
  return `Started by ${who}`;
}

/** Where a link to one run goes: the Runs page scrolled to it and highlighted. */
export const runHref = (runId: string) => `/runs?run=${encodeURIComponent(runId)}`;
