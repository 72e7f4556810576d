import type { OccurrenceResult, OccurrenceView, ScheduleCadence, ScheduleView } from '@callmine/contracts';
import { type Db, schema } from '@callmine/db';
import { describeCadence } from '@callmine/schedule';
import { and, desc, eq } from 'drizzle-orm';

type OccurrenceRow = typeof schema.scheduleOccurrence.$inferSelect;
type RunFacts = {
  status: (typeof schema.analysisRun.$inferSelect)['status'];
  error: string | null;
  reportId: string | null;
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** An occurrence's result: its run's status when it started one (one source of truth), else skipped / failed. */
export function toOccurrenceView(row: OccurrenceRow, run: RunFacts | undefined): OccurrenceView {
  let result: OccurrenceResult;
  let reason = row.reason;
  if (row.status === 'skipped') result = 'skipped';
  else if (row.status === 'failed') result = 'failed';
  else if (!run) result = 'failed';
  else {
    result = run.status === 'fetching' || run.status === 'analyzing' ? 'running' : run.status;
    reason = run.status === 'failed' ? run.error : null;
  }
  return {
    id: row.id,
    slot: row.slot.toISOString(),
    trigger: row.trigger,
    result,
    reason,
    runId: row.runId,
    reportId: run?.reportId ?? null,
    windowFrom: iso(row.windowFrom),
    windowTo: iso(row.windowTo),
    caughtUp: row.caughtUp,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Occurrences with their runs' status, newest slot first. */
export function occurrencesOf(db: Db, scheduleIds: string[], limitPerSchedule: number) {
  const found = new Map<string, OccurrenceView[]>();
  for (const scheduleId of scheduleIds) {
    const rows = db
      .select({
        occurrence: schema.scheduleOccurrence,
        runStatus: schema.analysisRun.status,
        runError: schema.analysisRun.error,
        reportId: schema.report.id,
      })
      .from(schema.scheduleOccurrence)
      .leftJoin(schema.analysisRun, eq(schema.analysisRun.id, schema.scheduleOccurrence.runId))
      .leftJoin(schema.report, eq(schema.report.runId, schema.scheduleOccurrence.runId))
      .where(eq(schema.scheduleOccurrence.scheduleId, scheduleId))
      .orderBy(desc(schema.scheduleOccurrence.slot))
      .limit(limitPerSchedule)
      .all();
    found.set(
      scheduleId,
      rows.map((r) =>
        toOccurrenceView(
          r.occurrence,
          r.runStatus ? { status: r.runStatus, error: r.runError, reportId: r.reportId } : undefined,
        ),
      ),
    );
  }
  return found;
}

type ScheduleRow = typeof schema.schedule.$inferSelect;

function toScheduleView(
  row: ScheduleRow,
  extra: { analysisName: string; createdBy: string | null; last: OccurrenceView | undefined },
): ScheduleView {
  const cadence = row.cadence as ScheduleCadence;
  return {
    id: row.id,
    analysisId: row.analysisId,
    analysisName: extra.analysisName,
    cadence,
    timeZone: row.timeZone,
    description: describeCadence(cadence, row.timeZone),
    paused: row.paused,
    nextRunAt: row.paused ? null : iso(row.nextSlotAt),
    lastOccurrence: extra.last ?? null,
    createdBy: extra.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const selectSchedules = (db: Db) =>
  db
    .select({ schedule: schema.schedule, analysisName: schema.analysis.name, createdBy: schema.user.name })
    .from(schema.schedule)
    .innerJoin(schema.analysis, eq(schema.analysis.id, schema.schedule.analysisId))
    .leftJoin(schema.user, eq(schema.user.id, schema.schedule.createdBy));

/** The workspace's schedules (oldest first, so the list doesn't reshuffle), each with its latest occurrence. */
export function listSchedules(db: Db, workspaceId: string): ScheduleView[] {
  const rows = selectSchedules(db)
    .where(eq(schema.schedule.workspaceId, workspaceId))
    .orderBy(schema.schedule.createdAt)
    .all();
  const last = occurrencesOf(
    db,
    rows.map((r) => r.schedule.id),
    1,
  );
  return rows.map((r) =>
    toScheduleView(r.schedule, {
      analysisName: r.analysisName,
      createdBy: r.createdBy,
      last: last.get(r.schedule.id)?.[0],
    }),
  );
}

export function findSchedule(db: Db, workspaceId: string, id: string, occurrences = 20) {
  const row = selectSchedules(db)
    .where(and(eq(schema.schedule.workspaceId, workspaceId), eq(schema.schedule.id, id)))
    .get();
  if (!row) return undefined;
  const recent = occurrencesOf(db, [id], occurrences).get(id) ?? [];
  return {
    ...toScheduleView(row.schedule, {
      analysisName: row.analysisName,
      createdBy: row.createdBy,
      last: recent[0],
    }),
    occurrences: recent,
  };
}
