import type { RunSelection, RunTotals, RunView } from '@callmine/contracts';
import { type Db, runQuotaOutcome, type Tables } from '@callmine/db';
import { and, desc, eq } from 'drizzle-orm';
import { runDisplayName, runTriggerOf } from './run-trigger.ts';

type RunRow = Tables['analysisRun']['$inferSelect'];

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A row of selectRuns: the run and, by name, the fields joined onto it (so none can shadow a run column). */
interface SelectedRun {
  run: RunRow;
  startedByName: string | null;
  analysisName: string | null;
  reportId: string | null;
  occurrenceTrigger: 'manual' | 'schedule' | null;
}

export async function toRunView(
  db: Db,
  { run: row, startedByName, analysisName, reportId, occurrenceTrigger }: SelectedRun,
): Promise<RunView> {
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
    quota: (await runQuotaOutcome(db, row.id)) ?? null,
    error: row.error,
    pausedUntil: iso(row.pausedUntil),
    cancelRequested: row.cancelRequested,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
  };
}

const selectRuns = (db: Db, t = db.tables) =>
  db
    .select({
      run: t.analysisRun,
      startedByName: t.user.name,
      // The analysis's current name (it may have been renamed since); null once it is deleted.
      analysisName: t.analysis.name,
      reportId: t.report.id,
      occurrenceTrigger: t.scheduleOccurrence.trigger,
    })
    .from(t.analysisRun)
    .leftJoin(t.user, eq(t.user.id, t.analysisRun.startedBy))
    .leftJoin(t.analysis, eq(t.analysis.id, t.analysisRun.analysisId))
    .leftJoin(t.report, eq(t.report.runId, t.analysisRun.id))
    // At most one occurrence starts a given run: it tells a schedule's Run now from a person's run.
    .leftJoin(t.scheduleOccurrence, eq(t.scheduleOccurrence.runId, t.analysisRun.id));

export async function findRun(db: Db, workspaceId: string, id: string): Promise<RunView | undefined> {
  const t = db.tables;
  const [row] = await selectRuns(db)
    .where(and(eq(t.analysisRun.workspaceId, workspaceId), eq(t.analysisRun.id, id)))
    .limit(1);
  return row ? await toRunView(db, row) : undefined;
}

/** The workspace's most recent runs, newest first. */
export async function listRuns(db: Db, workspaceId: string, limit = 50): Promise<RunView[]> {
  const t = db.tables;
  const rows = await selectRuns(db)
    .where(eq(t.analysisRun.workspaceId, workspaceId))
    .orderBy(desc(t.analysisRun.createdAt))
    .limit(limit);
  return Promise.all(rows.map((row) => toRunView(db, row)));
}
