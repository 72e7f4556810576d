// A schedule occurrence's run: the schedule's saved analysis (filters and settings as they are now) over the exact
// window since the previous occurrence. Runs inside the caller's transaction, the one that claimed the
// slot, so a claimed slot always has its run and a run never exists for an unclaimed slot.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../database/types.ts';
import { createAnalysisRun } from '../runs/create-run.ts';

export interface OccurrenceRunInput {
  workspaceId: string;
  analysisId: string;
  startedBy: string | null;
  window: { from: Date; to: Date };
  trigger: 'manual' | 'schedule';
  at: Date;
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

/** Returns the run id, or null when the analysis is gone (its schedules go with it by cascade). */
export async function createOccurrenceRun(tx: Db, input: OccurrenceRunInput): Promise<string | null> {
  const { analysis } = tx.tables;
  const [saved] = await tx
    .select()
    .from(analysis)
    .where(and(eq(analysis.id, input.analysisId), eq(analysis.workspaceId, input.workspaceId)))
    .limit(1);
  if (!saved) return null;
  return createAnalysisRun(tx, {
    workspaceId: input.workspaceId,
    startedBy: input.startedBy,
    analysisId: saved.id,
    // The run's one name (contracts' runName), over the days the report will state: a window ending at midnight
    // ends the day before.
    name: `${saved.name} · ${utcDay(input.window.from)} to ${utcDay(new Date(input.window.to.getTime() - 1))}`,
    selection: occurrenceSelection(input.window, saved.filters as object),
    settings: saved.settings,
    trigger: input.trigger,
    at: input.at,
  });
}
