import { type Db, schema } from '@callmine/db';
import type { Logger } from '@callmine/logger';
import { and, asc, eq, isNotNull, lte, notExists } from 'drizzle-orm';
import { type ClaimResult, claimDueSlot } from './claim.ts';

// The scheduler: a plain timer, not a croner job per schedule. Schedules are created and edited by the server (another
// process) and next_slot_at in SQLite is the truth, so one indexed query per tick finds every due slot in every
// workspace, a restart loses nothing, and several workers may tick at once: the claim (UNIQUE schedule + slot, in
// the run's transaction) decides who runs a slot, not the timer. The first tick runs at start-up, which is how the
// newest slot missed during downtime runs once.

export interface SchedulerDeps {
  db: Db;
  logger: Logger;
  now: () => Date;
  tickMs: number;
}

export interface Scheduler {
  /** Claims every due slot once; returns what happened to each schedule that was due. */
  tick(): ClaimResult[];
  /** Ticks now and then every tickMs until stop(). */
  start(): void;
  stop(): void;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const tick = (): ClaimResult[] => {
    const now = deps.now();
    const due = deps.db
      .select({ id: schema.schedule.id })
      .from(schema.schedule)
      .where(
        and(
          eq(schema.schedule.paused, false),
          isNotNull(schema.schedule.nextSlotAt),
          lte(schema.schedule.nextSlotAt, now),
          // A suspended workspace's schedules wait; on resume the newest missed slot runs (as after downtime).
          notExists(
            deps.db
              .select({ id: schema.workspaceSuspension.workspaceId })
              .from(schema.workspaceSuspension)
              .where(eq(schema.workspaceSuspension.workspaceId, schema.schedule.workspaceId)),
          ),
        ),
      )
      .orderBy(asc(schema.schedule.nextSlotAt))
      .all();
    const results: ClaimResult[] = [];
    for (const { id } of due) {
      try {
        const result = claimDueSlot(deps.db, id, now);
        results.push(result);
        if (result.kind === 'started' || result.kind === 'failed') {
          deps.logger.info(
            {
              scheduleId: id,
              slot: result.slot.toISOString(),
              outcome: result.kind,
              skipped: result.skipped,
            },
            'schedule slot claimed',
          );
        }
      } catch (error) {
        // One broken schedule must not stop the others; the next tick tries it again.
        deps.logger.error({ scheduleId: id, err: error }, 'schedule slot claim failed');
      }
    }
    return results;
  };

  const loop = () => {
    if (stopped) return;
    try {
      tick();
    } catch (error) {
      // E.g. the database busy past its timeout: log, and the next tick tries again.
      deps.logger.error({ err: error }, 'scheduler tick failed');
    } finally {
      if (!stopped) timer = setTimeout(loop, deps.tickMs);
    }
  };

  return {
    tick,
    start() {
      stopped = false;
      loop();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
