// Analysis runs, the durable job queue that drives them, and the Gong data cache they share.
// Calls and transcripts are cached per workspace and Gong call id so overlapping runs never fetch one twice;
// nothing here references gong_credential (it is swapped in place on rotation), runs only note its version.
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { organization, user } from './auth.ts';
import { timestampMs } from './columns.ts';

/** The job queue (see src/queue/): one row per job, leased by a worker while it runs. */
export const job = pgTable(
  'job',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    /** Enqueueing the same key twice yields the one job. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: ['queued', 'running', 'done', 'dead'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    /** Not before this instant (backoff after a failure, or a pause until the Gong budget resets). */
    runAfter: timestampMs('run_after').notNull(),
    leaseOwner: text('lease_owner'),
    /** A running job whose lease expired belongs to a crashed worker: anyone may take it over. */
    leaseExpiresAt: timestampMs('lease_expires_at'),
    lastError: text('last_error'),
    /** Fairness: a claim prefers the group (a workspace) with the fewest jobs in flight. Null: no group. */
    groupKey: text('group_key'),
    createdAt: timestampMs('created_at').notNull(),
    updatedAt: timestampMs('updated_at').notNull(),
  },
  (t) => [index('job_due_idx').on(t.status, t.runAfter), index('job_group_idx').on(t.groupKey, t.status)],
);

export const analysisRun = pgTable(
  'analysis_run',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    startedBy: text('started_by').references(() => user.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['queued', 'fetching', 'analyzing', 'done', 'failed', 'canceled'] })
      .notNull()
      .default('queued'),
    /** The call selection (contracts' RunSelection): date range (or exact instants) and filters. */
    selection: jsonb('selection').notNull(),
    /**
     * The saved analysis it came from; null for an ad-hoc run. No foreign key: SQLite can't add one with ON DELETE
     * to an existing table, so deleting an analysis clears this column in the same transaction.
     */
    analysisId: text('analysis_id'),
    /** The analysis's name at start, for the run list and the report. */
    name: text('name'),
    /** Snapshot of the parsed AnalysisSettings the run analyses with. */
    settings: jsonb('settings'),
    /** What started it: a person ('manual', also API tokens) or a schedule. */
    trigger: text('trigger', { enum: ['manual', 'schedule'] })
      .notNull()
      .default('manual'),
    /** gong_credential.version of the last request made for this run. */
    credentialVersion: integer('credential_version'),
    /** Listing checkpoint: the cursor of the next extensive page, and whether the listing is complete. */
    listCursor: text('list_cursor'),
    listingDone: boolean('listing_done').notNull().default(false),
    callsListed: integer('calls_listed').notNull().default(0),
    callsTotal: integer('calls_total').notNull().default(0),
    callsFetched: integer('calls_fetched').notNull().default(0),
    callsAnalyzed: integer('calls_analyzed').notNull().default(0),
    /** Gong requests whose answers this run has checkpointed. */
    requestsUsed: integer('requests_used').notNull().default(0),
    totals: jsonb('totals'),
    error: text('error'),
    /** Set while the daily Gong budget is spent: the run waits, it does not fail. */
    pausedUntil: timestampMs('paused_until'),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    createdAt: timestampMs('created_at').notNull(),
    startedAt: timestampMs('started_at'),
    finishedAt: timestampMs('finished_at'),
    updatedAt: timestampMs('updated_at').notNull().defaultNow(),
  },
  (t) => [index('analysis_run_workspace_idx').on(t.workspaceId, t.createdAt)],
);

/** The calls a run selected (its listing, after filters). */
export const analysisRunCall = pgTable(
  'analysis_run_call',
  {
    runId: text('run_id')
      .notNull()
      .references(() => analysisRun.id, { onDelete: 'cascade' }),
    callId: text('call_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.callId] })],
);

export const gongCallCache = pgTable(
  'gong_call_cache',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    callId: text('call_id').notNull(),
    started: timestampMs('started'),
    durationSeconds: integer('duration_seconds'),
    title: text('title'),
    primaryUserId: text('primary_user_id'),
    /** The extensive record as Gong sent it (metaData, parties, interaction). */
    data: jsonb('data').notNull(),
    fetchedAt: timestampMs('fetched_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.callId] })],
);

export const gongTranscriptCache = pgTable(
  'gong_transcript_cache',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    callId: text('call_id').notNull(),
    /** Gong's monologues; null when Gong has no transcript for the call (it leaves such calls out). */
    monologues: jsonb('monologues'),
    fetchedAt: timestampMs('fetched_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.callId] })],
);

/** Gong requests per credential per UTC day, shared by every process (Gong's daily limit is per company). */
export const gongRequestBudget = pgTable(
  'gong_request_budget',
  {
    credentialKey: text('credential_key').notNull(),
    day: text('day').notNull(),
    used: integer('used').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.credentialKey, t.day] })],
);

/**
 * Gong's per-second limit shared by every process: `rate` rows per credential, each a slot that is free from
 * `free_at` (epoch ms). A request holds a slot while in flight (free_at far ahead, so a crashed holder frees it
 * later) and frees it one window after the response. Slot −1 keeps the credential's Retry-After pause.
 */
export const gongRateSlot = pgTable(
  'gong_rate_slot',
  {
    credentialKey: text('credential_key').notNull(),
    slot: integer('slot').notNull(),
    freeAt: bigint('free_at', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.credentialKey, t.slot] })],
);
