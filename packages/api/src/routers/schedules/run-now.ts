import { randomUUID } from 'node:crypto';
import type { ScheduleCadence, ScheduleDetailView } from '@callmine/contracts';
import { createOccurrenceRun } from '@callmine/db';
import { runNowWindow } from '@callmine/schedule';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import type { SignedInContext } from '../../procedure-context.ts';
import { assertGongReady } from '../runs/gong-ready.ts';
import { mine, view } from './save.ts';

/**
 * "Run now": a manual occurrence (slot = now) over the window the next scheduled occurrence would cover, ending
 * now: the analysis's own, or the time since the previous slot. The occurrence and its run are written in one transaction, like a scheduled slot; the cadence is untouched.
 */
export async function runScheduleNow(ctx: SignedInContext, id: string): Promise<ScheduleDetailView> {
  const t = ctx.deps.db.tables;
  await assertGongReady(ctx);
  const row = await mine(ctx, id);
  const at = ctx.deps.now();
  const window = runNowWindow({ cadence: row.cadence as ScheduleCadence, timeZone: row.timeZone }, at);
  const runId = await ctx.deps.db.transaction(async (tx) => {
    const occurrenceId = randomUUID();
    const claimed = await tx
      .insert(t.scheduleOccurrence)
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
      .returning({ id: t.scheduleOccurrence.id });
    if (!claimed[0]) return null;
    const created = await createOccurrenceRun(tx, ctx.deps.queues, {
      workspaceId: row.workspaceId,
      analysisId: row.analysisId,
      startedBy: ctx.user.id,
      window,
      windowMode: row.windowMode,
      slot: at,
      trigger: 'manual',
      at,
    });
    if (!created)
      throw new TRPCError({
        code: 'NOT_FOUND',
        message: 'The analysis this schedule runs no longer exists.',
      });
    await tx
      .update(t.scheduleOccurrence)
      .set({ runId: created.runId, windowFrom: created.window.from, windowTo: created.window.to })
      .where(eq(t.scheduleOccurrence.id, occurrenceId));
    return created.runId;
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
