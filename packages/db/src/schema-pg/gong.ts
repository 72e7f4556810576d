// The workspace's Gong credential: one row per workspace, swapped in place on rotation
// (ON CONFLICT DO UPDATE, never INSERT OR REPLACE), so nothing else may hang off it.
import { index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { organization, user } from './auth.ts';
import { timestampMs } from './columns.ts';

export const gongCredential = pgTable('gong_credential', {
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
  tokenExpiresAt: timestampMs('token_expires_at'),
  scopes: text('scopes'),
  /** Bumped on every swap: optimistic concurrency, and runs record which version they used. */
  version: integer('version').notNull().default(1),
  status: text('status', { enum: ['active', 'rejected', 'unreadable'] })
    .notNull()
    .default('active'),
  statusReason: text('status_reason'),
  connectedBy: text('connected_by').references(() => user.id, { onDelete: 'set null' }),
  connectedAt: timestampMs('connected_at').notNull(),
  lastValidatedAt: timestampMs('last_validated_at'),
  /** The Gong company this key reads: its Gong workspaces (ids + names). See the SQLite schema. */
  gongWorkspaces: jsonb('gong_workspaces').$type<{ id: string; name: string }[]>(),
  lastCheckedAt: timestampMs('last_checked_at'),
  updatedAt: timestampMs('updated_at').notNull().defaultNow(),
});

/** Who changed the Gong connection, when and how. Never holds secret material: only the key hint. */
export const gongAuditLog = pgTable(
  'gong_audit_log',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    actorId: text('actor_id').references(() => user.id, { onDelete: 'set null' }),
    action: text('action', {
      // token-refreshed: the worker renewed the OAuth access token (no person involved; actor is null).
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
    createdAt: timestampMs('created_at').notNull(),
  },
  (t) => [index('gong_audit_log_workspace_idx').on(t.workspaceId, t.createdAt)],
);
