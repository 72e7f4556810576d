import type { AnalysisView } from '@callmine/contracts';
import { type Db, schema } from '@callmine/db';
import { and, asc, eq, sql } from 'drizzle-orm';

type AnalysisRow = typeof schema.analysis.$inferSelect;

/**
 * Every analysis's runs ranked newest first in one pass (rank 1 is its last run), so a list of analyses costs one
 * query instead of one per analysis. Ties on created_at go to the run inserted first (lowest rowid), which is what
 * the old per-analysis ORDER BY created_at DESC LIMIT 1 returned from SQLite's stable sort over a rowid scan.
 */
const rankedRuns = (db: Db) =>
  db
    .select({
      analysisId: schema.analysisRun.analysisId,
      id: schema.analysisRun.id,
      status: schema.analysisRun.status,
      createdAt: schema.analysisRun.createdAt,
      rank: sql<number>`row_number() over (partition by ${schema.analysisRun.analysisId} order by ${schema.analysisRun.createdAt} desc, ${schema.analysisRun}.rowid)`.as(
        'rank',
      ),
    })
    .from(schema.analysisRun)
    .as('ranked_run');

type LastRun = Pick<typeof schema.analysisRun.$inferSelect, 'id' | 'status' | 'createdAt'>;

function toView(row: AnalysisRow, createdBy: string | null, lastRun: LastRun | null): AnalysisView {
  return {
    id: row.id,
    name: row.name,
    window: row.window as AnalysisView['window'],
    filters: row.filters as AnalysisView['filters'],
    settings: row.settings as AnalysisView['settings'],
    createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastRun: lastRun ? { ...lastRun, createdAt: lastRun.createdAt.toISOString() } : null,
  };
}

const selectAnalyses = (db: Db) => {
  const lastRun = rankedRuns(db);
  return db
    .select({
      analysis: schema.analysis,
      createdBy: schema.user.name,
      lastRun: { id: lastRun.id, status: lastRun.status, createdAt: lastRun.createdAt },
    })
    .from(schema.analysis)
    .leftJoin(schema.user, eq(schema.user.id, schema.analysis.createdBy))
    .leftJoin(lastRun, and(eq(lastRun.analysisId, schema.analysis.id), eq(lastRun.rank, 1)));
};

/** The workspace's saved analyses by name. */
export function listAnalyses(db: Db, workspaceId: string): AnalysisView[] {
  return selectAnalyses(db)
    .where(eq(schema.analysis.workspaceId, workspaceId))
    .orderBy(asc(schema.analysis.name))
    .all()
    .map((row) => toView(row.analysis, row.createdBy, row.lastRun));
}

export function findAnalysis(db: Db, workspaceId: string, id: string): AnalysisView | undefined {
  const row = selectAnalyses(db)
    .where(and(eq(schema.analysis.workspaceId, workspaceId), eq(schema.analysis.id, id)))
    .get();
  return row ? toView(row.analysis, row.createdBy, row.lastRun) : undefined;
}
