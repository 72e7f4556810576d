// Workspace audit trail for actions outside the Gong connection (which keeps its own log): e.g. a deleted report.
// Rows name the actor and the subject; they never hold secrets or report contents.
import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { organization, user } from './auth.ts';
import { timestampMs } from './columns.ts';

export const auditEvent = pgTable(
  'audit_event',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    actorId: text('actor_id').references(() => user.id, { onDelete: 'set null' }),
    /** Readable after the actor's account is gone. */
    actorName: text('actor_name'),
    /** 'session' or 'token': an API token's action is attributed to its creator but marked as such. */
    via: text('via', { enum: ['session', 'token'] }).notNull(),
    action: text('action').notNull(),
    subjectId: text('subject_id').notNull(),
    /** A short description of the subject at the time (e.g. the deleted report's name). */
    detail: text('detail'),
    createdAt: timestampMs('created_at').notNull(),
  },
  (t) => [index('audit_event_workspace_idx').on(t.workspaceId, t.createdAt)],
);
