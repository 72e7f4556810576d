import type {
  ReportFilters,
  ReportOverview,
  ReportResultOverview,
  ReportSchedule,
  ScheduleCadence,
} from '@callmine/contracts';
import type { Db } from '@callmine/db';
import { describeCadence } from '@callmine/schedule';
import { and, eq } from 'drizzle-orm';
import { callFilter, filtersOf } from './report-filters.ts';
import { loadStoredReport, type StoredReport } from './stored-report.ts';
import { computeTrends } from './trends.ts';

// reports.get: the report's header, aggregates and trends, narrowed by the view's filters. Its size does not grow
// with the calls: the sentences and the call list are paged by reports.evidence and reports.calls.

function resultOverview(result: StoredReport['result']): ReportResultOverview {
  return {
    version: result.version,
    calls: result.calls,
    trackers:
      result.trackers?.map(({ evidence, byCall: _byCall, ...t }) => ({
        ...t,
        evidenceKept: evidence.length,
      })) ?? null,
    questions: result.questions
      ? {
          total: result.questions.total,
          groups: result.questions.groups.map(({ evidence, ...g }) => ({
            ...g,
            evidenceKept: evidence.length,
          })),
        }
      : null,
    themes: result.themes
      ? {
          customerWords: result.themes.customerWords,
          themes: result.themes.themes.map(({ evidence, ...t }) => ({ ...t, evidenceKept: evidence.length })),
        }
      : null,
    talk: result.talk,
    deals: result.deals ?? null,
  };
}

/** Whether the Gong connection was replaced (or removed) since the report's run read its calls. */
async function connectionSince(db: Db, workspaceId: string, usedVersion: number | null) {
  const [current] = await db
    .select({ version: db.tables.gongCredential.version })
    .from(db.tables.gongCredential)
    .where(eq(db.tables.gongCredential.workspaceId, workspaceId))
    .limit(1);
  if (!current) return 'disconnected' as const;
  if (usedVersion === null) return 'unknown' as const;
  return current.version > usedVersion ? ('replaced' as const) : ('same' as const);
}

/** The schedule slot that made the run, if a schedule did (and still exists). */
async function scheduleOf(db: Db, workspaceId: string, runId: string | null): Promise<ReportSchedule | null> {
  if (!runId) return null;
  const { schedule, scheduleOccurrence: o } = db.tables;
  const [row] = await db
    .select({
      scheduleId: schedule.id,
      cadence: schedule.cadence,
      timeZone: schedule.timeZone,
      windowMode: schedule.windowMode,
      slot: o.slot,
      trigger: o.trigger,
    })
    .from(o)
    .innerJoin(schedule, eq(schedule.id, o.scheduleId))
    .where(and(eq(o.workspaceId, workspaceId), eq(o.runId, runId)))
    .limit(1);
  if (!row) return null;
  return {
    scheduleId: row.scheduleId,
    description: describeCadence(row.cadence as ScheduleCadence, row.timeZone),
    slot: row.slot.toISOString(),
    trigger: row.trigger,
    windowMode: row.windowMode,
  };
}

export async function reportOverview(
  db: Db,
  workspaceId: string,
  input: ReportFilters & { id: string },
): Promise<ReportOverview> {
  const { header, report, index } = await loadStoredReport(db, workspaceId, input.id);
  const filters = filtersOf(input);
  const matching = report.calls.filter(callFilter(filters, index));
  const filtered = Object.keys(filters).length > 0;
  const trackers = report.result.trackers ?? [];
  return {
    id: report.id,
    name: report.name,
    runId: header.runId,
    analysisId: header.analysisId,
    from: report.fromDay,
    to: report.toDay,
    callsAnalyzed: header.callsAnalyzed,
    partial: report.partial,
    createdBy: header.createdByName,
    createdAt: header.createdAt.toISOString(),
    parameters: report.parameters,
    schedule: await scheduleOf(db, workspaceId, header.runId),
    runStartedAt: header.runStartedAt?.toISOString() ?? null,
    connection: await connectionSince(db, workspaceId, header.credentialVersion),
    reps: report.reps,
    result: resultOverview(report.result),
    // A trend keeps its own axis whole: the weekly series ignore the week filter, the rep comparison the rep filter.
    trends: computeTrends(
      report,
      index,
      report.calls.filter(callFilter(filters, index, ['week', 'tracker', 'phrase'])),
      report.calls.filter(callFilter(filters, index, ['rep', 'tracker', 'phrase'])),
    ),
    filters,
    matchingCalls: matching.length,
    filteredTrackers: filtered
      ? trackers.map((t) => {
          let mentions = 0;
          let callsMentioning = 0;
          for (const call of matching) {
            const m = t.byCall[call.id] ?? 0;
            mentions += m;
            if (m > 0) callsMentioning += 1;
          }
          const shareOfCalls = matching.length === 0 ? 0 : callsMentioning / matching.length;
          return { name: t.name, mentions, callsMentioning, shareOfCalls };
        })
      : null,
  };
}
