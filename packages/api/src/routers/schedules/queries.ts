import type { OccurrenceResult, OccurrenceView, ScheduleCadence, ScheduleView } from '@callmine/contracts';
import type { Db, Tables } from '@callmine/db';
import { describeCadence } from '@callmine/schedule';
import { and, desc, eq } from 'drizzle-orm';

type OccurrenceRow = Tables['scheduleOccurrence']['$inferSelect'];
type RunFacts = {
  status: Tables['analysisRun']['$inferSelect']['status'];
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
export async function occurrencesOf(db: Db, scheduleIds: string[], limitPerSchedule: number) {
  const t = db.tables;
  const found = new Map<string, OccurrenceView[]>();
  for (const scheduleId of scheduleIds) {
    const rows = await db
      .select({
        occurrence: t.scheduleOccurrence,
        runStatus: t.analysisRun.status,
        runError: t.analysisRun.error,
        reportId: t.report.id,
      })
      .from(t.scheduleOccurrence)
      .leftJoin(t.analysisRun, eq(t.analysisRun.id, t.scheduleOccurrence.runId))
      .leftJoin(t.report, eq(t.report.runId, t.scheduleOccurrence.runId))
      .where(eq(t.scheduleOccurrence.scheduleId, scheduleId))
      .orderBy(desc(t.scheduleOccurrence.slot))
      .limit(limitPerSchedule);
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

type ScheduleRow = Tables['schedule']['$inferSelect'];

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
    windowMode: row.windowMode,
    paused: row.paused,
    nextRunAt: row.paused ? null : iso(row.nextSlotAt),
    lastOccurrence: extra.last ?? null,
    createdBy: extra.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const selectSchedules = (db: Db, t = db.tables) =>
  db
    .select({ schedule: t.schedule, analysisName: t.analysis.name, createdBy: t.user.name })
    .from(t.schedule)
    .innerJoin(t.analysis, eq(t.analysis.id, t.schedule.analysisId))
    .leftJoin(t.user, eq(t.user.id, t.schedule.createdBy));

/** The workspace's schedules (oldest first, so the list doesn't reshuffle), each with its latest occurrence. */
export async function listSchedules(db: Db, workspaceId: string): Promise<ScheduleView[]> {
  const t = db.tables;
  const rows = await selectSchedules(db)
    .where(eq(t.schedule.workspaceId, workspaceId))
    .orderBy(t.schedule.createdAt);
  const last = await occurrencesOf(
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

export async function findSchedule(db: Db, workspaceId: string, id: string, occurrences = 20) {
  const t = db.tables;
  const [row] = await selectSchedules(db)
    .where(and(eq(t.schedule.workspaceId, workspaceId), eq(t.schedule.id, id)))
    .limit(1);
  if (!row) return undefined;
  const recent = (await occurrencesOf(db, [id], occurrences)).get(id) ?? [];
  return {
    ...toScheduleView(row.schedule, {
      analysisName: row.analysisName,
      createdBy: row.createdBy,
      last: recent[0],
    }),
    occurrences: recent,
  };
}
