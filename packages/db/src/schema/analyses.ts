// Saved analyses: what to analyse (window, filters) and how (analysers, trackers). Runs snapshot both, so an
// edit never reaches back into a report already made.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { organization, user } from './auth.ts';

export const analysis = sqliteTable(
  'analysis',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** contracts' AnalysisWindow: { kind: 'relative', lastDays } or { kind: 'absolute', from, to }. */
    window: text('window', { mode: 'json' }).notNull(),
    /** contracts' RunFilters (reps, external only, minimum duration, title contains). */
    filters: text('filters', { mode: 'json' }).notNull(),
    /** contracts' parsed AnalysisSettings (analysers, trackers, limits). */
    settings: text('settings', { mode: 'json' }).notNull(),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('analysis_workspace_idx').on(t.workspaceId, t.name)],
);
