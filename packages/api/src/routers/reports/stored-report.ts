import type { AnalysisResult, ReportCall, ReportParameters, ReportPartial } from '@callmine/contracts';
import type { Db } from '@callmine/db';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { indexReport, type ReportIndex } from './report-filters.ts';
import type { StoredReport } from './stored-report-type.ts';

export type { StoredReport };

// One stored report, read for a page of the view. The report's JSON columns are parsed whole (SQLite has no
// cheaper way into them); what leaves is chosen by the caller, never the whole row. A report never changes once
// written, so its parsed content and index are kept for the next page of the same view (reports.get, .calls and
// .evidence each read it, and a filter click reads it twice): each read still asks the database for the report's
// header row in this workspace first, so a deleted report or another workspace's id is NOT_FOUND as before.

export interface LoadedReport {
  header: Awaited<ReturnType<typeof headerOf>>;
  report: StoredReport;
  index: ReportIndex;
}

export const notFound = () =>
  new TRPCError({ code: 'NOT_FOUND', message: 'That report does not exist in this workspace.' });

/** Parsed reports kept per database handle (tests run several servers in one process), most recently used last. */
const cache = new WeakMap<Db, Map<string, Promise<Omit<LoadedReport, 'header'>>>>();
/** A 1,000-call report parses to a few MB; a handful covers the views people have open at once. */
export const CACHED_REPORTS = 8;

/** The report's row without its JSON content; NOT_FOUND when it is not this workspace's. */
async function headerOf(db: Db, workspaceId: string, id: string) {
  const r = db.tables.report;
  const [row] = await db
    .select({
      runId: r.runId,
      analysisId: r.analysisId,
      callsAnalyzed: r.callsAnalyzed,
      createdByName: r.createdByName,
      credentialVersion: r.credentialVersion,
      runStartedAt: r.runStartedAt,
      createdAt: r.createdAt,
    })
    .from(r)
    .where(and(eq(r.workspaceId, workspaceId), eq(r.id, id)))
    .limit(1);
  if (!row) throw notFound();
  return row;
}

async function contentOf(db: Db, workspaceId: string, id: string): Promise<Omit<LoadedReport, 'header'>> {
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
  const report: StoredReport = {
    ...row,
    parameters: row.parameters as ReportParameters,
    calls: row.calls as ReportCall[],
    reps: row.reps as Record<string, string>,
    result: row.result as AnalysisResult,
    partial: (row.partial as ReportPartial | null) ?? null,
  };
  return { report, index: indexReport(report) };
}

/** The report's header, content and filter index; NOT_FOUND when it is not this workspace's. */
export async function loadStoredReport(db: Db, workspaceId: string, id: string): Promise<LoadedReport> {
  const header = await headerOf(db, workspaceId, id);
  const kept = cache.get(db) ?? new Map<string, Promise<Omit<LoadedReport, 'header'>>>();
  cache.set(db, kept);
  // The creation time is in the key: an id is never reused, but a restored backup could bring back another row.
  const key = `${workspaceId}\u0000${id}\u0000${header.createdAt.getTime()}`;
  let content = kept.get(key);
  if (content) kept.delete(key);
  else {
    // The promise is kept, so the view's first requests (arriving together) parse the report once.
    content = contentOf(db, workspaceId, id);
    content.catch(() => kept.delete(key));
    while (kept.size >= CACHED_REPORTS) kept.delete(kept.keys().next().value!);
  }
  kept.set(key, content);
  return { header, ...(await content) };
}
