// Reports: a finished run's immutable result. A report holds everything its view needs (call titles and URLs, rep
// names, parameters, who and which credential version), so it outlives its run, its analysis and any rotation of
// the Gong credential, which it deliberately does not reference.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { analysis } from './analyses.ts';
import { organization, user } from './auth.ts';
import { analysisRun } from './runs.ts';

export const report = sqliteTable(
  'report',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    /** One report per run: writing it twice (a retried job) finds the first. */
    runId: text('run_id')
      .unique()
      .references(() => analysisRun.id, { onDelete: 'set null' }),
    analysisId: text('analysis_id').references(() => analysis.id, { onDelete: 'set null' }),
    /** The analysis's name when the run started (or a name made from the dates for an ad-hoc run). */
    name: text('name').notNull(),
    /** contracts' ReportParameters: the resolved selection and the analyser settings. */
    parameters: text('parameters', { mode: 'json' }).notNull(),
    fromDay: text('from_day').notNull(),
    toDay: text('to_day').notNull(),
    callsAnalyzed: integer('calls_analyzed').notNull(),
    /** contracts' ReportCall[] and rep names, so evidence links work without the call cache. */
    calls: text('calls', { mode: 'json' }).notNull(),
    reps: text('reps', { mode: 'json' }).notNull(),
    /** contracts' AnalysisResult. */
    result: text('result', { mode: 'json' }).notNull(),
    /** contracts' ReportPartial, or null for a complete report. */
    partial: text('partial', { mode: 'json' }),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    /** Kept as text too: "by whom" stays readable after the person leaves the workspace. */
    createdByName: text('created_by_name'),
    credentialVersion: integer('credential_version'),
    runStartedAt: integer('run_started_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('report_workspace_idx').on(t.workspaceId, t.createdAt)],
);
