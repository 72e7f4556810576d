import { randomUUID } from 'node:crypto';
import type { ScheduleCadence, ScheduleDetailView } from '@callmine/contracts';
import { createOccurrenceRun, schema } from '@callmine/db';
import { runNowWindow } from '@callmine/schedule';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import type { SignedInContext } from '../../procedure-context.ts';
import { assertGongReady } from '../runs/gong-ready.ts';
import { mine, view } from './save.ts';

/**
 * "Run now": a manual occurrence (slot = now) over the window the next scheduled occurrence would cover, ending
 * now. The occurrence and its run are written in one transaction, like a scheduled slot; the cadence is untouched.
 */
export function runScheduleNow(ctx: SignedInContext, id: string): ScheduleDetailView {
  assertGongReady(ctx);
  const row = mine(ctx, id);
  const at = ctx.deps.now();
  const window = runNowWindow({ cadence: row.cadence as ScheduleCadence, timeZone: row.timeZone }, at);
  const runId = ctx.deps.db.transaction((tx) => {
    const occurrenceId = randomUUID();
    const claimed = tx
      .insert(schema.scheduleOccurrence)
      .values({
        id: occurrenceId,
        scheduleId: row.id,
        workspaceId: row.workspaceId,
        slot: at,
        trigger: 'manual',
        status: 'started',
        windowFrom: window.from,
        windowTo: window.to,
        createdAt: at,
      })
      .onConflictDoNothing()
      .returning({ id: schema.scheduleOccurrence.id })
      .all();
    if (!claimed[0]) return null;
    const created = createOccurrenceRun(tx, {
      workspaceId: row.workspaceId,
      analysisId: row.analysisId,
      startedBy: ctx.user.id,
      window,
      trigger: 'manual',
      at,
    });
    if (!created)
      throw new TRPCError({
        code: 'NOT_FOUND',
        message: 'The analysis this schedule runs no longer exists.',
      });
    tx.update(schema.scheduleOccurrence)
      .set({ runId: created })
      .where(eq(schema.scheduleOccurrence.id, occurrenceId))
      .run();
    return created;
  });
  if (!runId) {
    throw new TRPCError({
      code: 'CONFLICT',
      message: 'This schedule was just started. Wait a moment and look again.',
    });
  }
  ctx.deps.logger.info(
    { workspaceId: row.workspaceId, scheduleId: id, runId, by: ctx.user.id },
    'schedule run now',
  );
  return view(ctx, id);
}
