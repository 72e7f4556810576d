// Pending Gong OAuth authorizations: one row per "Connect with OAuth" click, consumed once by the callback.
// Only a SHA-256 of the `state` is stored, so a database reader can't finish someone else's authorization.
import { pgTable, text } from 'drizzle-orm/pg-core';
import { organization, session, user } from './auth.ts';
import { timestampMs } from './columns.ts';

export const gongOAuthState = pgTable('gong_oauth_state', {
  stateHash: text('state_hash').primaryKey(),
  workspaceId: text('workspace_id')
    .notNull()
    .references(() => organization.id, { onDelete: 'cascade' }),
  userId: text('user_id')
    .notNull()
    .references(() => user.id, { onDelete: 'cascade' }),
  sessionId: text('session_id')
    .notNull()
    .references(() => session.id, { onDelete: 'cascade' }),
  /** PKCE verifier (RFC 7636). Useless without the code, which only the admin's browser ever carries. */
  codeVerifier: text('code_verifier').notNull(),
  expiresAt: timestampMs('expires_at').notNull(),
  createdAt: timestampMs('created_at').notNull(),
});
