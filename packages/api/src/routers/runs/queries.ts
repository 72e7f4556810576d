import type { RunSelection, RunTotals, RunView } from '@callmine/contracts';
import { type Db, runQuotaOutcome, schema } from '@callmine/db';
import { and, desc, eq } from 'drizzle-orm';
import { runDisplayName, runTriggerOf } from './run-trigger.ts';

type RunRow = typeof schema.analysisRun.$inferSelect;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A row of selectRuns: the run and, by name, the fields joined onto it (so none can shadow a run column). */
interface SelectedRun {
  run: RunRow;
  startedByName: string | null;
  analysisName: string | null;
  reportId: string | null;
  occurrenceTrigger: 'manual' | 'schedule' | null;
}

export function toRunView(
  db: Db,
  { run: row, startedByName, analysisName, reportId, occurrenceTrigger }: SelectedRun,
): RunView {
  return {
    id: row.id,
    status: row.status,
    selection: row.selection as RunSelection,
    analysis: row.analysisId && analysisName ? { id: row.analysisId, name: analysisName } : null,
    name: runDisplayName(row),
    trigger: runTriggerOf(row.trigger, occurrenceTrigger),
    reportId,
    startedBy: startedByName,
    credentialVersion: row.credentialVersion,
    progress: {
      callsTotal: row.callsTotal,
      listingDone: row.listingDone,
      callsFetched: row.callsFetched,
      callsAnalyzed: row.callsAnalyzed,
    },
    totals: (row.totals as RunTotals | null) ?? null,
    quota: runQuotaOutcome(db, row.id) ?? null,
    error: row.error,
    pausedUntil: iso(row.pausedUntil),
    cancelRequested: row.cancelRequested,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
  };
}

const selectRuns = (db: Db) =>
  db
    .select({
      run: schema.analysisRun,
      startedByName: schema.user.name,
      // The analysis's current name (it may have been renamed since); null once it is deleted.
      analysisName: schema.analysis.name,
      reportId: schema.report.id,
      occurrenceTrigger: schema.scheduleOccurrence.trigger,
    })
    .from(schema.analysisRun)
    .leftJoin(schema.user, eq(schema.user.id, schema.analysisRun.startedBy))
    .leftJoin(schema.analysis, eq(schema.analysis.id, schema.analysisRun.analysisId))
    .leftJoin(schema.report, eq(schema.report.runId, schema.analysisRun.id))
    // At most one occurrence starts a given run: it tells a schedule's Run now from a person's run.
    .leftJoin(schema.scheduleOccurrence, eq(schema.scheduleOccurrence.runId, schema.analysisRun.id));

export function findRun(db: Db, workspaceId: string, id: string): RunView | undefined {
  const row = selectRuns(db)
    .where(and(eq(schema.analysisRun.workspaceId, workspaceId), eq(schema.analysisRun.id, id)))
    .get();
  return row ? toRunView(db, row) : undefined;
}

/** The workspace's most recent runs, newest first. */
export function listRuns(db: Db, workspaceId: string, limit = 50): RunView[] {
  return selectRuns(db)
    .where(eq(schema.analysisRun.workspaceId, workspaceId))
    .orderBy(desc(schema.analysisRun.createdAt))
    .limit(limit)
    .all()
    .map((row) => toRunView(db, row));
}
