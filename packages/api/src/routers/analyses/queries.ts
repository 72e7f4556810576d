import type { AnalysisView } from '@callmine/contracts';
import type { Db, Tables } from '@callmine/db';
import { and, asc, eq, sql } from 'drizzle-orm';

type AnalysisRow = Tables['analysis']['$inferSelect'];

/**
 * Every analysis's runs ranked newest first in one pass (rank 1 is its last run), so a list of analyses costs one
 * query instead of one per analysis. Ties on created_at (the same millisecond) go to the run inserted first: SQLite's
 * rowid; on PostgreSQL (no rowid) the row's inserting transaction id, xmin, which grows with each insert's commit
 * order (a frozen old row reads 2, still "first").
 */
const insertOrder = (db: Db, t = db.tables) =>
  db.dialect === 'postgres' ? sql`${t.analysisRun}.xmin::text::bigint` : sql`${t.analysisRun}.rowid`;

const rankedRuns = (db: Db, t = db.tables) =>
  db
    .select({
      analysisId: t.analysisRun.analysisId,
      id: t.analysisRun.id,
      status: t.analysisRun.status,
      createdAt: t.analysisRun.createdAt,
      rank: sql<number>`row_number() over (partition by ${t.analysisRun.analysisId} order by ${t.analysisRun.createdAt} desc, ${insertOrder(db, t)})`.as(
        'rank',
      ),
    })
    .from(t.analysisRun)
    .as('ranked_run');

type LastRun = Pick<Tables['analysisRun']['$inferSelect'], 'id' | 'status' | 'createdAt'>;

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
  const t = db.tables;
  const lastRun = rankedRuns(db);
  return db
    .select({
      analysis: t.analysis,
      createdBy: t.user.name,
      lastRun: { id: lastRun.id, status: lastRun.status, createdAt: lastRun.createdAt },
    })
    .from(t.analysis)
    .leftJoin(t.user, eq(t.user.id, t.analysis.createdBy))
    .leftJoin(lastRun, and(eq(lastRun.analysisId, t.analysis.id), eq(lastRun.rank, 1)));
};

/** The workspace's saved analyses by name. */
export async function listAnalyses(db: Db, workspaceId: string): Promise<AnalysisView[]> {
  const t = db.tables;
  return (
    await selectAnalyses(db).where(eq(t.analysis.workspaceId, workspaceId)).orderBy(asc(t.analysis.name))
  ).map((row) => toView(row.analysis, row.createdBy, row.lastRun));
}

export async function findAnalysis(
  db: Db,
  workspaceId: string,
  id: string,
): Promise<AnalysisView | undefined> {
  const t = db.tables;
  const [row] = await selectAnalyses(db)
    .where(and(eq(t.analysis.workspaceId, workspaceId), eq(t.analysis.id, id)))
    .limit(1);
  return row ? toView(row.analysis, row.createdBy, row.lastRun) : undefined;
}
