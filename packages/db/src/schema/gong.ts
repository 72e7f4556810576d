// The workspace's Gong credential: one row per workspace, swapped in place on rotation
// (ON CONFLICT DO UPDATE, never INSERT OR REPLACE), so nothing else may hang off it.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { organization, user } from './auth.ts';

export const gongCredential = sqliteTable('gong_credential', {
  /** Stable per workspace across rotations; part of every sealed field's additional authenticated data. */
  id: text('id').primaryKey(),
  workspaceId: text('workspace_id')
    .notNull()
    .unique()
    .references(() => organization.id, { onDelete: 'cascade' }),
  method: text('method', { enum: ['basic', 'oauth'] }).notNull(),
  /** Bare origin, already allow-listed. */
  baseUrl: text('base_url').notNull(),
  /** Last 4 characters of the access key: the only part of it the UI ever sees. */
  accessKeyHint: text('access_key_hint'),
  /**
   * The credential's name in the shared Gong limiter and daily budget (@callmine/gong limiter-key.ts: a hash of the
   * access key, or of the workspace for an OAuth grant), written with the sealed fields, so the card reads the budget
   * the server's validations and the worker's requests both count in. Null on rows stored before it existed, until
   * the worker next opens the credential.
   */
  limiterKey: text('limiter_key'),
  /** Vault envelopes (never plaintext). Basic auth uses the first two; OAuth the token pair. */
  accessKeySealed: text('access_key_sealed'),
  secretKeySealed: text('secret_key_sealed'),
  accessTokenSealed: text('access_token_sealed'),
  refreshTokenSealed: text('refresh_token_sealed'),
  tokenExpiresAt: integer('token_expires_at', { mode: 'timestamp_ms' }),
  scopes: text('scopes'),
  /** Bumped on every swap: optimistic concurrency, and runs record which version they used. */
  version: integer('version').notNull().default(1),
  status: text('status', { enum: ['active', 'rejected', 'unreadable'] })
    .notNull()
    .default('active'),
  statusReason: text('status_reason'),
  connectedBy: text('connected_by').references(() => user.id, { onDelete: 'set null' }),
  connectedAt: integer('connected_at', { mode: 'timestamp_ms' }).notNull(),
  lastValidatedAt: integer('last_validated_at', { mode: 'timestamp_ms' }),
  /**
   * The Gong company this key reads, as its Gong workspaces (ids + names) from GET /v2/workspaces at connect time.
   * Null for connections made before Callmine asked. A new key whose workspace ids share none of these is a
   * different company: the swap waits for an explicit confirmation.
   */
  gongWorkspaces: text('gong_workspaces', { mode: 'json' }).$type<{ id: string; name: string }[]>(),
  /** When Gong last gave a definite answer about this key (connect, or the worker's daily health check). */
  lastCheckedAt: integer('last_checked_at', { mode: 'timestamp_ms' }),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
});

/** Who changed the Gong connection, when and how. Never holds secret material: only the key hint. */
export const gongAuditLog = sqliteTable(
  'gong_audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    actorId: text('actor_id').references(() => user.id, { onDelete: 'set null' }),
    action: text('action', {
      // token-refreshed: the worker renewed the OAuth access token (no person involved; actor is null).
      // method-switched: basic-auth ↔ OAuth for the same company. company-changed: a confirmed key of another Gong
      // company. company-change-held: such a key, not saved (no confirmation). consent-denied: an admin denied
      // Callmine on Gong's OAuth page.
      enum: [
        'connected',
        'rotated',
        'method-switched',
        'company-changed',
        'company-change-held',
        'disconnected',
        'validation-failed',
        'consent-denied',
        'marked-needs-attention',
        'token-refreshed',
      ],
    }).notNull(),
    method: text('method', { enum: ['basic', 'oauth'] }),
    accessKeyHint: text('access_key_hint'),
    detail: text('detail'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('gong_audit_log_workspace_idx').on(t.workspaceId, t.createdAt)],
);
