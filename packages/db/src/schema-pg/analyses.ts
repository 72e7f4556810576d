// Saved analyses: what to analyse (window, filters) and how (analysers, trackers). Runs snapshot both, so an
// edit never reaches back into a report already made.
import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { organization, user } from './auth.ts';
import { timestampMs } from './columns.ts';

export const analysis = pgTable(
  'analysis',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** contracts' AnalysisWindow: { kind: 'relative', lastDays } or { kind: 'absolute', from, to }. */
    window: jsonb('window').notNull(),
    /** contracts' RunFilters (reps, external only, minimum duration, title contains). */
    filters: jsonb('filters').notNull(),
    /** contracts' parsed AnalysisSettings (analysers, trackers, limits). */
    settings: jsonb('settings').notNull(),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: timestampMs('created_at').notNull(),
    updatedAt: timestampMs('updated_at').notNull(),
  },
  (t) => [index('analysis_workspace_idx').on(t.workspaceId, t.name)],
);
