// API tokens let a developer's script call Callmine's procedures. Only a SHA-256 of the token is stored: the
// token itself is shown once, at creation, and a database leak gives nobody a usable token.
import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { organization, user } from './auth.ts';
import { timestampMs } from './columns.ts';

export const apiToken = pgTable(
  'api_token',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The rights the token acts with inside its workspace ('read': queries only). Never 'owner'. */
    role: text('role', { enum: ['admin', 'member', 'read'] }).notNull(),
    /** Hex SHA-256 of the whole token; the token has 256 random bits, so no salt or slow hash is needed. */
    tokenHash: text('token_hash').notNull().unique(),
    /** The first characters after the prefix, so a person can tell tokens apart in the list. */
    hint: text('hint').notNull(),
    /** Calls made with the token are attributed to this person; deleting their account deletes their tokens. */
    createdBy: text('created_by')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    createdAt: timestampMs('created_at').notNull(),
    expiresAt: timestampMs('expires_at'),
    lastUsedAt: timestampMs('last_used_at'),
    revokedAt: timestampMs('revoked_at'),
  },
  (t) => [index('api_token_workspace_idx').on(t.workspaceId, t.createdAt)],
);
