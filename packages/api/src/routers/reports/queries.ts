import type { ReportSummary, ReportView } from '@callmine/contracts';
import type { Db, Tables } from '@callmine/db';
import { and, desc, eq, sql } from 'drizzle-orm';

type ReportRow = Tables['report']['$inferSelect'];

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
const summaryColumns = ({ report }: Tables) => ({
  id: report.id,
  workspaceId: report.workspaceId,
  runId: report.runId,
  analysisId: report.analysisId,
  name: report.name,
  fromDay: report.fromDay,
  toDay: report.toDay,
  callsAnalyzed: report.callsAnalyzed,
  partial: report.partial,
  createdBy: report.createdBy,
  createdByName: report.createdByName,
  credentialVersion: report.credentialVersion,
  runStartedAt: report.runStartedAt,
  createdAt: report.createdAt,
});

/** Newest first; `search` matches the name case-insensitively on both dialects (lower() on both sides: PostgreSQL's
 *  LIKE is case-sensitive, SQLite's is not); LIKE wildcards in it are taken literally. */
export async function listReports(
  db: Db,
  workspaceId: string,
  search: string,
  limit = 200,
): Promise<ReportSummary[]> {
  const t = db.tables;
  const escaped = search.replace(/[\\%_]/g, (c) => `\\${c}`);
  const where = search
    ? and(
        eq(t.report.workspaceId, workspaceId),
        sql`lower(${t.report.name}) LIKE lower(${`%${escaped}%`}) ESCAPE '\\'`,
      )
    : eq(t.report.workspaceId, workspaceId);
  return (
    await db
      .select(summaryColumns(t))
      .from(t.report)
      .where(where)
      .orderBy(desc(t.report.createdAt))
      .limit(limit)
  ).map(toSummary);
}

export async function findReport(db: Db, workspaceId: string, id: string): Promise<ReportView | undefined> {
  const t = db.tables;
  const [row] = await db
    .select()
    .from(t.report)
    .where(and(eq(t.report.workspaceId, workspaceId), eq(t.report.id, id)))
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
