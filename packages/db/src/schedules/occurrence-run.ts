// A schedule occurrence's run: the schedule's saved analysis (filters and settings as they are now) over the window
// the schedule chose: the analysis's own, resolved at the slot, or the exact time since the previous occurrence. Runs inside the caller's transaction, the one that claimed the
// slot, so a claimed slot always has its run and a run never exists for an unclaimed slot.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../database/types.ts';
import type { Queues } from '../queue/open-queue.ts';
import { createAnalysisRun } from '../runs/create-run.ts';

export interface OccurrenceRunInput {
  workspaceId: string;
  analysisId: string;
  startedBy: string | null;
  /** The time since the previous slot (the cadence's window), used when windowMode is 'since-previous'. */
  window: { from: Date; to: Date };
  windowMode: 'analysis' | 'since-previous';
  /** The slot the run stands for (for "run now", the moment asked): an analysis window resolves at it. */
  slot: Date;
  trigger: 'manual' | 'schedule';
  at: Date;
}

const DAY_MS = 86_400_000;

/**
 * A saved analysis's window (contracts' AnalysisWindow, stored as JSON) as instants when a slot runs at `at`: "last
 * N days" is the N UTC days ending on the slot's day (contracts' resolveWindow), up to the slot; an absolute
 * window is its days. Returns null for a window this code does not know.
 */
export function analysisWindowAt(stored: unknown, at: Date): { from: Date; to: Date } | null {
  const w = stored as { kind?: string; lastDays?: number; from?: string; to?: string } | null;
  if (w?.kind === 'relative' && typeof w.lastDays === 'number') {
    const today = Date.parse(`${utcDay(at)}T00:00:00Z`);
    return { from: new Date(today - (w.lastDays - 1) * DAY_MS), to: at };
  }
  if (w?.kind === 'absolute' && w.from && w.to) {
    return { from: new Date(`${w.from}T00:00:00Z`), to: new Date(Date.parse(`${w.to}T00:00:00Z`) + DAY_MS) };
  }
  return null;
}

const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * What an occurrence over `window` selects with the analysis's filters. The estimate (packages/api) builds its
 * selection here too, so it counts exactly the calls the run will select.
 */
export function occurrenceSelection<Filters extends object>(
  window: { from: Date; to: Date },
  filters: Filters,
): { from: string; to: string; fromDateTime: string; toDateTime: string } & Filters {
  return {
    // The days for people reading the run; the instants are what the worker selects calls by.
    from: utcDay(window.from),
    to: utcDay(window.to),
    fromDateTime: window.from.toISOString(),
    toDateTime: window.to.toISOString(),
    ...filters,
  };
}

/**
 * Returns the run and the window it covers, or null when the analysis is gone (its key restricts deletion, so only a
 * race with analyses.delete gets here).
 */
export async function createOccurrenceRun(
  tx: Db,
  queues: Queues,
  input: OccurrenceRunInput,
): Promise<{ runId: string; window: { from: Date; to: Date } } | null> {
  const { analysis } = tx.tables;
  const [saved] = await tx
    .select()
    .from(analysis)
    .where(and(eq(analysis.id, input.analysisId), eq(analysis.workspaceId, input.workspaceId)))
    .limit(1);
  if (!saved) return null;
  const window =
    (input.windowMode === 'analysis' ? analysisWindowAt(saved.window, input.slot) : null) ?? input.window;
  const runId = await createAnalysisRun(tx, queues, {
    workspaceId: input.workspaceId,
    startedBy: input.startedBy,
    analysisId: saved.id,
    // The run's one name (contracts' runName), over the days the report will state: a window ending at midnight
    // ends the day before.
    name: `${saved.name} · ${utcDay(window.from)} to ${utcDay(new Date(window.to.getTime() - 1))}`,
    selection: occurrenceSelection(window, saved.filters as object),
    settings: saved.settings,
    trigger: input.trigger,
    at: input.at,
  });
  return { runId, window };
}
