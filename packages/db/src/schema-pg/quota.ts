// The monthly allowance of analysed calls. A call counts once per workspace per calendar month (UTC): the ledger's
// primary key (workspace, month, call) makes a second charge impossible, whichever run or process tries it.
// Nothing here references gong_credential, so rotating or disconnecting the Gong key leaves every counter as it was.
import { boolean, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { organization } from './auth.ts';
import { timestampMs } from './columns.ts';
import { analysisRun } from './runs.ts';

/** An operator's per-workspace allowance; without a row the workspace has CALLMINE_MONTHLY_CALL_QUOTA. */
export const workspaceQuota = pgTable('workspace_quota', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => organization.id, { onDelete: 'cascade' }),
  monthlyCalls: integer('monthly_calls').notNull(),
  updatedAt: timestampMs('updated_at').notNull(),
});

/** The ledger: one row per call charged, per workspace and UTC month ('2026-11'). */
export const quotaCharge = pgTable(
  'quota_charge',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    month: text('month').notNull(),
    callId: text('call_id').notNull(),
    /** The run that paid for it. No foreign key: the charge stands even if the run row goes. */
    runId: text('run_id').notNull(),
    chargedAt: timestampMs('charged_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.month, t.callId] }),
    index('quota_charge_run_idx').on(t.runId),
  ],
);

/**
 * Each run's decision per selected call, taken once (before its transcript is fetched): 'charged' (this run paid),
 * 'free' (already charged this month, or by this run), 'skipped' (the allowance was used up). A retried run
 * finds its decisions here and charges nothing again.
 */
export const runQuotaCall = pgTable(
  'analysis_run_quota_call',
  {
    runId: text('run_id')
      .notNull()
      .references(() => analysisRun.id, { onDelete: 'cascade' }),
    callId: text('call_id').notNull(),
    decision: text('decision', { enum: ['charged', 'free', 'skipped'] }).notNull(),
    month: text('month').notNull(),
    decidedAt: timestampMs('decided_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.callId] })],
);

/** A run's quota outcome, rewritten by each charging batch: what the Runs page and the report show. */
export const runQuota = pgTable('analysis_run_quota', {
  runId: text('run_id')
    .primaryKey()
    .references(() => analysisRun.id, { onDelete: 'cascade' }),
  /** The month of the last charging batch, and that month's allowance and use after it. */
  month: text('month').notNull(),
  allowance: integer('allowance').notNull(),
  used: integer('used').notNull(),
  callsSelected: integer('calls_selected').notNull(),
  /** Admitted = charged + free: the calls whose transcripts are fetched and analysed. */
  callsAdmitted: integer('calls_admitted').notNull(),
  callsCharged: integer('calls_charged').notNull(),
  callsSkipped: integer('calls_skipped').notNull(),
  quotaReached: boolean('quota_reached').notNull(),
  updatedAt: timestampMs('updated_at').notNull(),
});
