// The one way a run comes to exist: its row and the job that moves it, written together inside the caller's
// synchronous transaction (so a run never exists without its job, and a schedule can claim its slot in the same
// transaction). Used by the api (runs.start, analyses.run) and by the worker's scheduler.
import { randomUUID } from 'node:crypto';
import type { Db } from '../open.ts';
import { ANALYSIS_RUN_JOB } from '../queue/queue.ts';
import { createSqliteQueue } from '../queue/sqlite-queue.ts';
import { analysisRun } from '../schema/runs.ts';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface CreateAnalysisRunInput {
  workspaceId: string;
  /** The person (or the token's creator); null for a schedule. */
  startedBy: string | null;
  analysisId: string | null;
  /** Shown in the run list and copied into the report. */
  name: string | null;
  /** contracts' RunSelection (resolved dates or exact instants, filters). */
  selection: unknown;
  /** contracts' parsed AnalysisSettings. */
  settings: unknown;
  trigger: 'manual' | 'schedule';
  at: Date;
}

export function createAnalysisRun(tx: Db | Tx, input: CreateAnalysisRunInput): string {
  const id = randomUUID();
  tx.insert(analysisRun)
    .values({
      id,
      workspaceId: input.workspaceId,
      startedBy: input.startedBy,
      analysisId: input.analysisId,
      name: input.name,
      selection: input.selection,
      settings: input.settings,
      trigger: input.trigger,
      createdAt: input.at,
      updatedAt: input.at,
    })
    .run();
  createSqliteQueue(tx, { now: () => input.at }).enqueue({
    kind: ANALYSIS_RUN_JOB,
    idempotencyKey: `${ANALYSIS_RUN_JOB}:${id}`,
    payload: { runId: id },
  });
  return id;
}
