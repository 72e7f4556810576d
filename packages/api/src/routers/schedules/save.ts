import { randomUUID } from 'node:crypto';
import type { ScheduleDetailView, ScheduleInput } from '@callmine/contracts';
import { cronProblem, nextSlot } from '@callmine/schedule';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { ZodRealError } from 'zod';
import type { SignedInContext } from '../../procedure-context.ts';
import { findSchedule } from './queries.ts';

/** A form-field error the editor shows beside the field (the tRPC formatter flattens a ZodError cause; ZodRealError is the one that is an Error, so tRPC keeps it as the cause). */
function fieldError(field: string, message: string) {
  return new TRPCError({
    code: 'BAD_REQUEST',
    message,
    cause: new ZodRealError([{ code: 'custom', path: [field], message, input: undefined }]),
  });
}

/** What zod can't check without croner and the database: the cron expression's meaning and the analysis. */
export async function checkInput(ctx: SignedInContext, input: ScheduleInput) {
  const { db, now } = ctx.deps;
  const t = db.tables;
  if (input.cadence.kind === 'cron') {
    const problem = cronProblem(input.cadence.expression, input.timeZone, now());
    if (problem) throw fieldError('cron', problem);
  }
  const [analysis] = await db
    .select({ id: t.analysis.id })
    .from(t.analysis)
    .where(and(eq(t.analysis.id, input.analysisId), eq(t.analysis.workspaceId, ctx.workspace.id)))
    .limit(1);
  if (!analysis) throw fieldError('analysisId', 'That analysis does not exist in this workspace any more.');
}

function notFound() {
  return new TRPCError({ code: 'NOT_FOUND', message: 'That schedule does not exist in this workspace.' });
}

export async function view(ctx: SignedInContext, id: string): Promise<ScheduleDetailView> {
  const found = await findSchedule(ctx.deps.db, ctx.workspace.id, id);
  if (!found) throw notFound();
  return found;
}

export async function createSchedule(
  ctx: SignedInContext,
  input: ScheduleInput,
): Promise<ScheduleDetailView> {
  const t = ctx.deps.db.tables;
  await checkInput(ctx, input);
  const at = ctx.deps.now();
  const id = randomUUID();
  await ctx.deps.db.insert(t.schedule).values({
    id,
    workspaceId: ctx.workspace.id,
    analysisId: input.analysisId,
    cadence: input.cadence,
    timeZone: input.timeZone,
    windowMode: input.windowMode,
    nextSlotAt: nextSlot(input, at),
    createdBy: ctx.user.id,
    createdAt: at,
    updatedAt: at,
  });
  ctx.deps.logger.info(
    { workspaceId: ctx.workspace.id, scheduleId: id, by: ctx.user.id },
    'schedule created',
  );
  return view(ctx, id);
}

/** A new cadence starts from now: slots of the old cadence that have not come yet are not owed. */
export async function updateSchedule(
  ctx: SignedInContext,
  id: string,
  input: ScheduleInput,
): Promise<ScheduleDetailView> {
  const t = ctx.deps.db.tables;
  await checkInput(ctx, input);
  const at = ctx.deps.now();
  const existing = await mine(ctx, id);
  await ctx.deps.db
    .update(t.schedule)
    .set({
      analysisId: input.analysisId,
      cadence: input.cadence,
      timeZone: input.timeZone,
      windowMode: input.windowMode,
      nextSlotAt: existing.paused ? null : nextSlot(input, at),
      updatedAt: at,
    })
    .where(eq(t.schedule.id, id));
  ctx.deps.logger.info(
    { workspaceId: ctx.workspace.id, scheduleId: id, by: ctx.user.id },
    'schedule updated',
  );
  return view(ctx, id);
}

/** Pausing forgets the next slot; resuming starts from the first slot after now (paused slots are not owed). */
export async function setPaused(
  ctx: SignedInContext,
  id: string,
  paused: boolean,
): Promise<ScheduleDetailView> {
  const t = ctx.deps.db.tables;
  const at = ctx.deps.now();
  const existing = await mine(ctx, id);
  const spec = { cadence: existing.cadence as ScheduleInput['cadence'], timeZone: existing.timeZone };
  await ctx.deps.db
    .update(t.schedule)
    .set({ paused, nextSlotAt: paused ? null : nextSlot(spec, at), updatedAt: at })
    .where(eq(t.schedule.id, id));
  ctx.deps.logger.info(
    { workspaceId: ctx.workspace.id, scheduleId: id, by: ctx.user.id },
    paused ? 'schedule paused' : 'schedule resumed',
  );
  return view(ctx, id);
}

/** Deletes the schedule and its occurrence history; the runs (and reports) it produced stay. */
export async function deleteSchedule(ctx: SignedInContext, id: string): Promise<{ id: string }> {
  const t = ctx.deps.db.tables;
  await mine(ctx, id);
  await ctx.deps.db.delete(t.schedule).where(eq(t.schedule.id, id));
  ctx.deps.logger.info(
    { workspaceId: ctx.workspace.id, scheduleId: id, by: ctx.user.id },
    'schedule deleted',
  );
  return { id };
}

export async function mine(ctx: SignedInContext, id: string) {
  const t = ctx.deps.db.tables;
  const [row] = await ctx.deps.db
    .select()
    .from(t.schedule)
    .where(and(eq(t.schedule.id, id), eq(t.schedule.workspaceId, ctx.workspace.id)))
    .limit(1);
  if (!row) throw notFound();
  return row;
}
