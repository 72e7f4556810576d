// Schedules: a saved analysis run on a cadence, and one row per (schedule, slot) it produced. The UNIQUE
// (schedule_id, slot) index is what makes "exactly once per slot" hold across restarts and worker processes: a
// worker claims a slot with INSERT … ON CONFLICT DO NOTHING in the same synchronous transaction that creates the
// run. Nothing here references gong_credential, so rotating or disconnecting Gong leaves schedules untouched.
import { boolean, index, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { analysis } from './analyses.ts';
import { organization, user } from './auth.ts';
import { timestampMs } from './columns.ts';
import { analysisRun } from './runs.ts';

/** Per-workspace schedule settings: the zone a new schedule starts with (Settings → Workspace). */
export const workspaceScheduleSettings = pgTable('workspace_schedule_settings', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => organization.id, { onDelete: 'cascade' }),
  /** An IANA zone name (validated with Intl by contracts' timeZoneField). No row means UTC. */
  timeZone: text('time_zone').notNull().default('UTC'),
  updatedAt: timestampMs('updated_at').notNull(),
});

export const schedule = pgTable(
  'schedule',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    /**
     * No cascade: an analysis a schedule runs can't be deleted until its schedules are. analyses.delete names them
     * and, when the caller confirms (deleteSchedules), deletes them itself in the same transaction.
     */
    analysisId: text('analysis_id')
      .notNull()
      .references(() => analysis.id, { onDelete: 'restrict' }),
    /**
     * The days a slot's run covers: the analysis's own window resolved at the slot ("last 30 days"), or the time
     * since the previous slot. Schedules made before the choice existed ran since the previous slot.
     */
    windowMode: text('window_mode', { enum: ['analysis', 'since-previous'] })
      .notNull()
      .default('since-previous'),
    /** contracts' scheduleCadence: daily / weekly / monthly at a time, or a cron expression. */
    cadence: jsonb('cadence').notNull(),
    timeZone: text('time_zone').notNull(),
    paused: boolean('paused').notNull().default(false),
    /** The next slot the scheduler will claim; null while paused (or when a cron never fires again). */
    nextSlotAt: timestampMs('next_slot_at'),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: timestampMs('created_at').notNull(),
    updatedAt: timestampMs('updated_at').notNull(),
  },
  (t) => [
    index('schedule_due_idx').on(t.paused, t.nextSlotAt),
    index('schedule_workspace_idx').on(t.workspaceId),
  ],
);

export const scheduleOccurrence = pgTable(
  'schedule_occurrence',
  {
    id: text('id').primaryKey(),
    scheduleId: text('schedule_id')
      .notNull()
      .references(() => schedule.id, { onDelete: 'cascade' }),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    /** The cadence slot; for "run now" the instant it was asked for. */
    slot: timestampMs('slot').notNull(),
    trigger: text('trigger', { enum: ['schedule', 'manual'] }).notNull(),
    /**
     * started: a run exists (its own status says queued/running/done/failed); skipped: an older slot missed while
     * no worker ran; failed: no run could be started (reason says why, e.g. Gong not connected).
     */
    status: text('status', { enum: ['started', 'skipped', 'failed'] }).notNull(),
    reason: text('reason'),
    runId: text('run_id').references(() => analysisRun.id, { onDelete: 'set null' }),
    windowFrom: timestampMs('window_from'),
    windowTo: timestampMs('window_to'),
    /** The newest slot missed during downtime, run once on start-up ("caught up after downtime"). */
    caughtUp: boolean('caught_up').notNull().default(false),
    createdAt: timestampMs('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('schedule_occurrence_slot_uq').on(t.scheduleId, t.slot),
    index('schedule_occurrence_recent_idx').on(t.scheduleId, t.createdAt),
    // A report finds the schedule slot that made its run.
    index('schedule_occurrence_run_idx').on(t.runId),
  ],
);
