// The one way a run comes to exist: its row and the job that moves it, written together inside the caller's
// transaction (so a run never exists without its job, and a schedule can claim its slot in the same
// transaction). Used by the api (runs.start, analyses.run) and by the worker's scheduler. The job goes to the
// process's queue (`openQueue`: the job table on SQLite, pg-boss on PostgreSQL), on the transaction's handle.
import { randomUUID } from 'node:crypto';
import type { Db } from '../database/types.ts';
import type { Queues } from '../queue/open-queue.ts';
import { ANALYSIS_RUN_JOB, analysisRunJobKey } from '../queue/queue.ts';

/** A transaction's handle: the same interface as the database's (kept as a name for readability). */
export type Tx = Db;

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

export async function createAnalysisRun(
  tx: Db,
  queues: Queues,
  input: CreateAnalysisRunInput,
): Promise<string> {
  const id = randomUUID();
  await tx.insert(tx.tables.analysisRun).values({
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
  });
  await queues.on(tx).enqueue({
    kind: ANALYSIS_RUN_JOB,
    idempotencyKey: analysisRunJobKey(id),
    payload: { runId: id },
    // Due at the run's own instant (the caller's clock), fair across workspaces.
    runAfter: input.at,
    groupKey: input.workspaceId,
  });
  return id;
}
