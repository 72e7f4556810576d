// A schedule occurrence's run: the schedule's saved analysis (filters and settings as they are now) over the exact
// window since the previous occurrence. Runs inside the caller's synchronous transaction, the one that claimed the
// slot, so a claimed slot always has its run and a run never exists for an unclaimed slot.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../open.ts';
import { createAnalysisRun, type Tx } from '../runs/create-run.ts';
import { analysis } from '../schema/analyses.ts';

export interface OccurrenceRunInput {
  workspaceId: string;
  analysisId: string;
  startedBy: string | null;
  window: { from: Date; to: Date };
  trigger: 'manual' | 'schedule';
  at: Date;
}

const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/** Returns the run id, or null when the analysis is gone (its schedules go with it by cascade). */
export function createOccurrenceRun(tx: Db | Tx, input: OccurrenceRunInput): string | null {
  const saved = tx
    .select()
    .from(analysis)
    .where(and(eq(analysis.id, input.analysisId), eq(analysis.workspaceId, input.workspaceId)))
    .get();
  if (!saved) return null;
  return createAnalysisRun(tx, {
    workspaceId: input.workspaceId,
    startedBy: input.startedBy,
    analysisId: saved.id,
    name: saved.name,
    selection: {
      // The days for people reading the run; the instants are what the worker selects calls by.
      from: utcDay(input.window.from),
      to: utcDay(input.window.to),
      fromDateTime: input.window.from.toISOString(),
      toDateTime: input.window.to.toISOString(),
      ...(saved.filters as object),
    },
    settings: saved.settings,
    trigger: input.trigger,
    at: input.at,
  });
}
