// The instance and its workspaces as the operator sees them: who runs this Callmine, which workspaces are
// suspended, and what the operator did. Operator audit rows outlive the workspace they name (no foreign key), so a
// deletion is still on record after everything of the workspace is gone.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { organization, user } from './auth.ts';

/** The person (or people) who run this Callmine: the one who set up a fresh install, and whoever they appoint. */
export const instanceOperator = sqliteTable('instance_operator', {
  userId: text('user_id')
    .primaryKey()
    .references(() => user.id, { onDelete: 'cascade' }),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
});

/** A suspended workspace: nobody signs in to it, its tokens are refused, the worker leaves its runs alone. */
export const workspaceSuspension = sqliteTable('workspace_suspension', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => organization.id, { onDelete: 'cascade' }),
  suspendedAt: integer('suspended_at', { mode: 'timestamp_ms' }).notNull(),
  suspendedBy: text('suspended_by').references(() => user.id, { onDelete: 'set null' }),
});

/** Every operator action: never secrets, never a workspace's contents; names kept as they were at the time. */
export const operatorAuditEvent = sqliteTable(
  'operator_audit_event',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actorId: text('actor_id').references(() => user.id, { onDelete: 'set null' }),
    actorName: text('actor_name'),
    action: text('action', {
      enum: [
        'workspace-created',
        'allowance-set',
        'allowance-reset',
        'workspace-suspended',
        'workspace-resumed',
        'workspace-deleted',
      ],
    }).notNull(),
    /** No foreign key: the row stays after the workspace is deleted. */
    workspaceId: text('workspace_id').notNull(),
    workspaceName: text('workspace_name').notNull(),
    detail: text('detail'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('operator_audit_event_created_idx').on(t.createdAt)],
);
