// Reports: a finished run's immutable result. A report holds everything its view needs (call titles and URLs, rep
// names, parameters, who and which credential version), so it outlives its run, its analysis and any rotation of
// the Gong credential, which it deliberately does not reference.
import { index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { analysis } from './analyses.ts';
import { organization, user } from './auth.ts';
import { timestampMs } from './columns.ts';
import { analysisRun } from './runs.ts';

export const report = pgTable(
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
    parameters: jsonb('parameters').notNull(),
    fromDay: text('from_day').notNull(),
    toDay: text('to_day').notNull(),
    callsAnalyzed: integer('calls_analyzed').notNull(),
    /** contracts' ReportCall[] and rep names, so evidence links work without the call cache. */
    calls: jsonb('calls').notNull(),
    reps: jsonb('reps').notNull(),
    /** contracts' AnalysisResult. */
    result: jsonb('result').notNull(),
    /** contracts' ReportPartial, or null for a complete report. */
    partial: jsonb('partial'),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    /** Kept as text too: "by whom" stays readable after the person leaves the workspace. */
    createdByName: text('created_by_name'),
    credentialVersion: integer('credential_version'),
    runStartedAt: timestampMs('run_started_at'),
    createdAt: timestampMs('created_at').notNull(),
  },
  (t) => [index('report_workspace_idx').on(t.workspaceId, t.createdAt)],
);
