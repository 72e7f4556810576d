import type { ReportSummary, ReportView } from '@callmine/contracts';
import { type Db, schema } from '@callmine/db';
import { and, desc, eq, sql } from 'drizzle-orm';

type ReportRow = typeof schema.report.$inferSelect;

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toSummary(row: Omit<ReportRow, 'calls' | 'reps' | 'result' | 'parameters'>): ReportSummary {
  return {
    id: row.id,
    name: row.name,
    runId: row.runId,
    analysisId: row.analysisId,
    from: row.fromDay,
    to: row.toDay,
    callsAnalyzed: row.callsAnalyzed,
    partial: (row.partial as ReportSummary['partial']) ?? null,
    createdBy: row.createdByName,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Summaries only: the list never loads the (large) results. */
const summaryColumns = {
  id: schema.report.id,
  workspaceId: schema.report.workspaceId,
  runId: schema.report.runId,
  analysisId: schema.report.analysisId,
  name: schema.report.name,
  fromDay: schema.report.fromDay,
  toDay: schema.report.toDay,
  callsAnalyzed: schema.report.callsAnalyzed,
  partial: schema.report.partial,
  createdBy: schema.report.createdBy,
  createdByName: schema.report.createdByName,
  credentialVersion: schema.report.credentialVersion,
  runStartedAt: schema.report.runStartedAt,
  createdAt: schema.report.createdAt,
};

/** Newest first; `search` matches the name case-insensitively (LIKE wildcards in it are taken literally). */
export async function listReports(
  db: Db,
  workspaceId: string,
  search: string,
  limit = 200,
): Promise<ReportSummary[]> {
  const escaped = search.replace(/[\\%_]/g, (c) => `\\${c}`);
  const where = search
    ? and(
        eq(schema.report.workspaceId, workspaceId),
        sql`${schema.report.name} LIKE ${`%${escaped}%`} ESCAPE '\\'`,
      )
    : eq(schema.report.workspaceId, workspaceId);
  const rows = await db
    .select(summaryColumns)
    .from(schema.report)
    .where(where)
    .orderBy(desc(schema.report.createdAt))
    .limit(limit);
  return rows.map(toSummary);
}

/** The whole stored report (every call and sentence kept): reports.export. The page reads reports.get instead. */
export async function findReport(db: Db, workspaceId: string, id: string): Promise<ReportView | undefined> {
  const [row] = await db
    .select({
      ...summaryColumns,
      parameters: schema.report.parameters,
      calls: schema.report.calls,
      reps: schema.report.reps,
      result: schema.report.result,
    })
    .from(schema.report)
    .where(and(eq(schema.report.workspaceId, workspaceId), eq(schema.report.id, id)))
    .limit(1);
  if (!row) return undefined;
  return {
    ...toSummary(row),
    parameters: row.parameters as ReportView['parameters'],
    credentialVersion: row.credentialVersion,
    runStartedAt: iso(row.runStartedAt),
    calls: row.calls as ReportView['calls'],
    reps: row.reps as ReportView['reps'],
    result: row.result as ReportView['result'],
  };
}
