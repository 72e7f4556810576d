import type { AnalysisView } from '@callmine/contracts';
import { type Db, schema } from '@callmine/db';
import { and, asc, desc, eq } from 'drizzle-orm';

type AnalysisRow = typeof schema.analysis.$inferSelect;

function lastRunOf(db: Db, analysisId: string): AnalysisView['lastRun'] {
  const run = db
    .select({
      id: schema.analysisRun.id,
      status: schema.analysisRun.status,
      createdAt: schema.analysisRun.createdAt,
    })
    .from(schema.analysisRun)
    .where(eq(schema.analysisRun.analysisId, analysisId))
    .orderBy(desc(schema.analysisRun.createdAt))
    .limit(1)
    .get();
  return run ? { ...run, createdAt: run.createdAt.toISOString() } : null;
}

function toView(db: Db, row: AnalysisRow, createdBy: string | null): AnalysisView {
  return {
    id: row.id,
    name: row.name,
    window: row.window as AnalysisView['window'],
    filters: row.filters as AnalysisView['filters'],
    settings: row.settings as AnalysisView['settings'],
    createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastRun: lastRunOf(db, row.id),
  };
}

const selectAnalyses = (db: Db) =>
  db
    .select({ analysis: schema.analysis, createdBy: schema.user.name })
    .from(schema.analysis)
    .leftJoin(schema.user, eq(schema.user.id, schema.analysis.createdBy));

/** The workspace's saved analyses by name. */
export function listAnalyses(db: Db, workspaceId: string): AnalysisView[] {
  return selectAnalyses(db)
    .where(eq(schema.analysis.workspaceId, workspaceId))
    .orderBy(asc(schema.analysis.name))
    .all()
    .map((row) => toView(db, row.analysis, row.createdBy));
}

export function findAnalysis(db: Db, workspaceId: string, id: string): AnalysisView | undefined {
  const row = selectAnalyses(db)
    .where(and(eq(schema.analysis.workspaceId, workspaceId), eq(schema.analysis.id, id)))
    .get();
  return row ? toView(db, row.analysis, row.createdBy) : undefined;
}
