import type { Db, Queues } from '@callmine/db';
import type { Logger } from '@callmine/logger';
import { and, asc, eq, isNotNull, lte, notExists } from 'drizzle-orm';
import { type ClaimResult, claimDueSlot } from './claim.ts';

// The scheduler: a plain timer, not a croner job per schedule. Schedules are created and edited by the server (another
// process) and next_slot_at in the database is the truth, so one indexed query per tick finds every due slot in every
// workspace, a restart loses nothing, and several workers may tick at once: the claim (UNIQUE schedule + slot, in
// the run's transaction) decides who runs a slot, not the timer. The first tick runs at start-up, which is how the
// newest slot missed during downtime runs once.

export interface SchedulerDeps {
  db: Db;
  /** Where a slot's run job goes (in the claim's transaction). */
  queues: Queues;
  logger: Logger;
  now: () => Date;
  tickMs: number;
}

export interface Scheduler {
  /** Claims every due slot once; returns what happened to each schedule that was due. */
  tick(): Promise<ClaimResult[]>;
  /** Ticks now and then every tickMs until stop(); resolves when the first tick is done. */
  start(): Promise<void>;
  stop(): void;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const t = deps.db.tables;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const tick = async (): Promise<ClaimResult[]> => {
    const now = deps.now();
    const due = await deps.db
      .select({ id: t.schedule.id })
      .from(t.schedule)
      .where(
        and(
          eq(t.schedule.paused, false),
          isNotNull(t.schedule.nextSlotAt),
          lte(t.schedule.nextSlotAt, now),
          // A suspended workspace's schedules wait; on resume the newest missed slot runs (as after downtime).
          notExists(
            deps.db
              .select({ id: t.workspaceSuspension.workspaceId })
              .from(t.workspaceSuspension)
              .where(eq(t.workspaceSuspension.workspaceId, t.schedule.workspaceId)),
          ),
        ),
      )
      .orderBy(asc(t.schedule.nextSlotAt));
    const results: ClaimResult[] = [];
    for (const { id } of due) {
      try {
        const result = await claimDueSlot(deps.db, deps.queues, id, now);
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

  const loop = async () => {
    if (stopped) return;
    try {
      await tick();
    } catch (error) {
      // E.g. the database busy past its timeout: log, and the next tick tries again.
      deps.logger.error({ err: error }, 'scheduler tick failed');
    } finally {
      if (!stopped) timer = setTimeout(loop, deps.tickMs);
    }
  };

  return {
    tick,
    async start() {
      stopped = false;
      await loop();
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
