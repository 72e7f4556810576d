// Schedules: a saved analysis run on a cadence, and one row per (schedule, slot) it produced. The UNIQUE
// (schedule_id, slot) index is what makes "exactly once per slot" hold across restarts and worker processes: a
// worker claims a slot with INSERT … ON CONFLICT DO NOTHING in the same synchronous transaction that creates the
// run. Nothing here references gong_credential, so rotating or disconnecting Gong leaves schedules untouched.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { analysis } from './analyses.ts';
import { organization, user } from './auth.ts';
import { analysisRun } from './runs.ts';

/** Per-workspace schedule settings: the zone a new schedule starts with (Settings → Workspace). */
export const workspaceScheduleSettings = sqliteTable('workspace_schedule_settings', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => organization.id, { onDelete: 'cascade' }),
  /** An IANA zone name (validated with Intl by contracts' timeZoneField). No row means UTC. */
  timeZone: text('time_zone').notNull().default('UTC'),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});

export const schedule = sqliteTable(
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
    cadence: text('cadence', { mode: 'json' }).notNull(),
    timeZone: text('time_zone').notNull(),
    paused: integer('paused', { mode: 'boolean' }).notNull().default(false),
    /** The next slot the scheduler will claim; null while paused (or when a cron never fires again). */
    nextSlotAt: integer('next_slot_at', { mode: 'timestamp_ms' }),
    createdBy: text('created_by').references(() => user.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    index('schedule_due_idx').on(t.paused, t.nextSlotAt),
    index('schedule_workspace_idx').on(t.workspaceId),
  ],
);

export const scheduleOccurrence = sqliteTable(
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
    slot: integer('slot', { mode: 'timestamp_ms' }).notNull(),
    trigger: text('trigger', { enum: ['schedule', 'manual'] }).notNull(),
    /**
     * started: a run exists (its own status says queued/running/done/failed); skipped: an older slot missed while
     * no worker ran; failed: no run could be started (reason says why, e.g. Gong not connected).
     */
    status: text('status', { enum: ['started', 'skipped', 'failed'] }).notNull(),
    reason: text('reason'),
    runId: text('run_id').references(() => analysisRun.id, { onDelete: 'set null' }),
    windowFrom: integer('window_from', { mode: 'timestamp_ms' }),
    windowTo: integer('window_to', { mode: 'timestamp_ms' }),
    /** The newest slot missed during downtime, run once on start-up ("caught up after downtime"). */
    caughtUp: integer('caught_up', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [
    uniqueIndex('schedule_occurrence_slot_uq').on(t.scheduleId, t.slot),
    index('schedule_occurrence_recent_idx').on(t.scheduleId, t.createdAt),
    // A report finds the schedule slot that made its run.
    index('schedule_occurrence_run_idx').on(t.runId),
  ],
);
