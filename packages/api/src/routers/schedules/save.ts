import { randomUUID } from 'node:crypto';
import type { ScheduleDetailView, ScheduleInput } from '@callmine/contracts';
import { schema } from '@callmine/db';
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
export function checkInput(ctx: SignedInContext, input: ScheduleInput) {
  const { db, now } = ctx.deps;
  if (input.cadence.kind === 'cron') {
    const problem = cronProblem(input.cadence.expression, input.timeZone, now());
    if (problem) throw fieldError('cron', problem);
  }
  const analysis = db
    .select({ id: schema.analysis.id })
    .from(schema.analysis)
    .where(and(eq(schema.analysis.id, input.analysisId), eq(schema.analysis.workspaceId, ctx.workspace.id)))
    .get();
  if (!analysis) throw fieldError('analysisId', 'That analysis does not exist in this workspace any more.');
}

function notFound() {
  return new TRPCError({ code: 'NOT_FOUND', message: 'That schedule does not exist in this workspace.' });
}

export function view(ctx: SignedInContext, id: string): ScheduleDetailView {
  const found = findSchedule(ctx.deps.db, ctx.workspace.id, id);
  if (!found) throw notFound();
  return found;
}

export function createSchedule(ctx: SignedInContext, input: ScheduleInput): ScheduleDetailView {
  checkInput(ctx, input);
  const at = ctx.deps.now();
  const id = randomUUID();
  ctx.deps.db
    .insert(schema.schedule)
    .values({
      id,
      workspaceId: ctx.workspace.id,
      analysisId: input.analysisId,
      cadence: input.cadence,
      timeZone: input.timeZone,
      nextSlotAt: nextSlot(input, at),
      createdBy: ctx.user.id,
      createdAt: at,
      updatedAt: at,
    })
    .run();
  ctx.deps.logger.info(
    { workspaceId: ctx.workspace.id, scheduleId: id, by: ctx.user.id },
    'schedule created',
  );
  return view(ctx, id);
}

/** A new cadence starts from now: slots of the old cadence that have not come yet are not owed. */
export function updateSchedule(ctx: SignedInContext, id: string, input: ScheduleInput): ScheduleDetailView {
  checkInput(ctx, input);
  const at = ctx.deps.now();
  const existing = mine(ctx, id);
  ctx.deps.db
    .update(schema.schedule)
    .set({
      analysisId: input.analysisId,
      cadence: input.cadence,
      timeZone: input.timeZone,
      nextSlotAt: existing.paused ? null : nextSlot(input, at),
      updatedAt: at,
    })
    .where(eq(schema.schedule.id, id))
    .run();
  ctx.deps.logger.info(
    { workspaceId: ctx.workspace.id, scheduleId: id, by: ctx.user.id },
    'schedule updated',
  );
  return view(ctx, id);
}

/** Pausing forgets the next slot; resuming starts from the first slot after now (paused slots are not owed). */
export function setPaused(ctx: SignedInContext, id: string, paused: boolean): ScheduleDetailView {
  const at = ctx.deps.now();
  const existing = mine(ctx, id);
  const spec = { cadence: existing.cadence as ScheduleInput['cadence'], timeZone: existing.timeZone };
  ctx.deps.db
    .update(schema.schedule)
    .set({ paused, nextSlotAt: paused ? null : nextSlot(spec, at), updatedAt: at })
    .where(eq(schema.schedule.id, id))
    .run();
  ctx.deps.logger.info(
    { workspaceId: ctx.workspace.id, scheduleId: id, by: ctx.user.id },
    paused ? 'schedule paused' : 'schedule resumed',
  );
  return view(ctx, id);
}

/** Deletes the schedule and its occurrence history; the runs (and reports) it produced stay. */
export function deleteSchedule(ctx: SignedInContext, id: string): { id: string } {
  mine(ctx, id);
  ctx.deps.db.delete(schema.schedule).where(eq(schema.schedule.id, id)).run();
  ctx.deps.logger.info(
    { workspaceId: ctx.workspace.id, scheduleId: id, by: ctx.user.id },
    'schedule deleted',
  );
  return { id };
}

export function mine(ctx: SignedInContext, id: string) {
  const row = ctx.deps.db
    .select()
    .from(schema.schedule)
    .where(and(eq(schema.schedule.id, id), eq(schema.schedule.workspaceId, ctx.workspace.id)))
    .get();
  if (!row) throw notFound();
  return row;
}
