// The instance and its workspaces as the operator sees them (twin of src/schema/tenancy.ts).
import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { organization, user } from './auth.ts';
import { timestampMs } from './columns.ts';

export const instanceOperator = pgTable('instance_operator', {
  userId: text('user_id')
    .primaryKey()
    .references(() => user.id, { onDelete: 'cascade' }),
  createdAt: timestampMs('created_at').notNull(),
});

export const workspaceSuspension = pgTable('workspace_suspension', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => organization.id, { onDelete: 'cascade' }),
  suspendedAt: timestampMs('suspended_at').notNull(),
  suspendedBy: text('suspended_by').references(() => user.id, { onDelete: 'set null' }),
});

export const operatorAuditEvent = pgTable(
  'operator_audit_event',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
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
    createdAt: timestampMs('created_at').notNull(),
  },
  (t) => [index('operator_audit_event_created_idx').on(t.createdAt)],
);
