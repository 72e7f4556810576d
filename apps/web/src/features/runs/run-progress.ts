import type { RunView } from '@callmine/contracts';

// What a run's progress bar says: a fraction for the bar, a sentence for people, and (while it runs) an
// estimate of the time left from the pace so far. Pure, so the page only renders it.

export interface RunProgress {
  /** 0..1, or undefined while the total is not known yet (the listing is still coming in). */
  fraction: number | undefined;
  label: string;
  elapsedMs: number;
  remainingMs: number | undefined;
}

const n = (value: number) => value.toLocaleString('en-US');

export function runProgress(run: RunView, now: number): RunProgress {
  const { callsTotal, callsFetched, callsAnalyzed, listingDone } = run.progress;
  const started = run.startedAt ? Date.parse(run.startedAt) : undefined;
  const ended = run.finishedAt ? Date.parse(run.finishedAt) : now;
  const elapsedMs = started === undefined ? 0 : Math.max(0, ended - started);
  let fraction: number | undefined;
  let label: string;
  switch (run.status) {
    case 'queued':
      fraction = 0;
      label = 'Waiting for the worker';
      break;
    case 'fetching':
      fraction = listingDone ? (callsTotal === 0 ? 1 : callsFetched / callsTotal) : undefined;
      label = listingDone
        ? `Fetched ${n(callsFetched)} of ${n(callsTotal)} calls`
        : `Listing calls in Gong: ${n(callsTotal)} selected so far`;
      break;
    case 'analyzing':
      fraction = 1;
      label = `Analysing ${n(callsTotal)} calls`;
      break;
    case 'done':
      fraction = 1;
      label = `Analysed ${n(callsAnalyzed)} calls`;
      break;
    default:
      fraction = callsTotal === 0 ? 0 : callsFetched / callsTotal;
      label = `Fetched ${n(callsFetched)} of ${n(callsTotal)} calls`;
  }
  const running = run.status === 'fetching' || run.status === 'analyzing';
  const remainingMs =
    running && fraction !== undefined && fraction > 0 && fraction < 1
      ? (elapsedMs * (1 - fraction)) / fraction
      : undefined;
  return { fraction, label, elapsedMs, remainingMs };
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}
