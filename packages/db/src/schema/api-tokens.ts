// API tokens let a developer's script call Callmine's procedures. Only a SHA-256 of the token is stored: the
// token itself is shown once, at creation, and a database leak gives nobody a usable token.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { organization, user } from './auth.ts';

export const apiToken = sqliteTable(
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
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    expiresAt: integer('expires_at', { mode: 'timestamp_ms' }),
    lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('api_token_workspace_idx').on(t.workspaceId, t.createdAt)],
);
