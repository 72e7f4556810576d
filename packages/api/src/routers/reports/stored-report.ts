import type { AnalysisResult, ReportCall, ReportParameters, ReportPartial } from '@callmine/contracts';
import type { Db } from '@callmine/db';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';

// One stored report, read for a page of the view. The report's JSON columns are parsed whole (SQLite has no
// cheaper way into them); what leaves is chosen by the caller, never the whole row.

export interface StoredReport {
  id: string;
  name: string;
  parameters: ReportParameters;
  fromDay: string;
  toDay: string;
  calls: ReportCall[];
  reps: Record<string, string>;
  result: AnalysisResult;
  partial: ReportPartial | null;
}

export const notFound = () =>
  new TRPCError({ code: 'NOT_FOUND', message: 'That report does not exist in this workspace.' });

/** The report's content; NOT_FOUND when it is not this workspace's. */
export async function loadStoredReport(db: Db, workspaceId: string, id: string): Promise<StoredReport> {
  const r = db.tables.report;
  const [row] = await db
    .select({
      id: r.id,
      name: r.name,
      parameters: r.parameters,
      fromDay: r.fromDay,
      toDay: r.toDay,
      calls: r.calls,
      reps: r.reps,
      result: r.result,
      partial: r.partial,
    })
    .from(r)
    .where(and(eq(r.workspaceId, workspaceId), eq(r.id, id)))
    .limit(1);
  if (!row) throw notFound();
  return {
    ...row,
    parameters: row.parameters as ReportParameters,
    calls: row.calls as ReportCall[],
    reps: row.reps as Record<string, string>,
    result: row.result as AnalysisResult,
    partial: (row.partial as ReportPartial | null) ?? null,
  };
}
