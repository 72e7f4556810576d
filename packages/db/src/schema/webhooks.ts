// Signed webhooks: endpoints an admin registers, and one delivery row per (endpoint, event). The delivery rows are
// written in the same transaction as the state change that causes the event (run finished, report written, ...),
// so an event is never lost; UNIQUE(endpoint, event id) makes enqueuing it twice a no-op. The worker sends them.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { organization } from './auth.ts';

export const webhookEndpoint = sqliteTable(
  'webhook_endpoint',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    /** contracts' WebhookEventType[] the endpoint wants. */
    events: text('events', { mode: 'json' }).$type<string[]>().notNull(),
    /** The signing secret, sealed with @callmine/vault (purpose 'webhook-secret'); only the worker opens it. */
    secretSealed: text('secret_sealed').notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    /** Why it is disabled: 'failing' (3 days of failed deliveries, set by the worker) or 'admin'. */
    disabledReason: text('disabled_reason', { enum: ['failing', 'admin'] }),
    disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
    /** Start of the current run of failed attempts; null after any 2xx. */
    failingSince: integer('failing_since', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('webhook_endpoint_workspace_idx').on(t.workspaceId, t.createdAt)],
);

export const webhookDelivery = sqliteTable(
  'webhook_delivery',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoint.id, { onDelete: 'cascade' }),
    /** The event's stable id (e.g. `run.finished:<runId>`), the same for every endpoint that receives it. */
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    /** The JSON body sent: ids and headline figures only, never a secret or a transcript. */
    payload: text('payload', { mode: 'json' }).notNull(),
    status: text('status', { enum: ['pending', 'succeeded', 'failed', 'dead'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }),
    /** A worker holds the delivery while it sends it; another takes it over only after this passes. */
    leaseUntil: integer('lease_until', { mode: 'timestamp_ms' }),
    lastStatusCode: integer('last_status_code'),
    lastDurationMs: integer('last_duration_ms'),
    /** Generic text ('timeout', 'HTTP 500', 'refused'); never a host, address or response body. */
    lastError: text('last_error'),
    lastAttemptAt: integer('last_attempt_at', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('webhook_delivery_event_idx').on(t.endpointId, t.eventId),
    index('webhook_delivery_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_delivery_endpoint_idx').on(t.endpointId, t.createdAt),
  ],
);
