import type { RunTrigger } from '@callmine/contracts';

// How the Runs page, Settings → Usage and the schedules name a run: by its analysis and dates, and by what started it.

/** "Competitor watch · 2026-09-01 to 2026-11-29", or "Run of … to …" for an ad-hoc run. */
export function runTitle(run: { name: string | null; from: string; to: string }): string {
  return run.name ? `${run.name} · ${run.from} to ${run.to}` : `Run of ${run.from} to ${run.to}`;
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
