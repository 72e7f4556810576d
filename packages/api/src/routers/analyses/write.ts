import { randomUUID } from 'node:crypto';
import type {
  AnalysisDefinition,
  AnalysisSchedules,
  AnalysisView,
  ScheduleCadence,
} from '@callmine/contracts';
import { describeCadence } from '@callmine/schedule';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { ReasonedCause } from '../../errors.ts';
import type { SignedInContext } from '../../procedure-context.ts';
import { findAnalysis } from './queries.ts';

const notFound = () =>
  new TRPCError({ code: 'NOT_FOUND', message: 'That analysis does not exist in this workspace.' });

export async function requireAnalysis(ctx: SignedInContext, id: string): Promise<AnalysisView> {
  const found = await findAnalysis(ctx.deps.db, ctx.workspace.id, id);
  if (!found) throw notFound();
  return found;
}

export async function createAnalysis(ctx: SignedInContext, input: AnalysisDefinition): Promise<AnalysisView> {
  const t = ctx.deps.db.tables;
  const at = ctx.deps.now();
  const id = randomUUID();
  await ctx.deps.db.insert(t.analysis).values({
    id,
    workspaceId: ctx.workspace.id,
    ...input,
    createdBy: ctx.user.id,
    createdAt: at,
    updatedAt: at,
  });
  return requireAnalysis(ctx, id);
}

/** Editing changes future runs only: each run (and its report) keeps the snapshot it started with. */
export async function updateAnalysis(
  ctx: SignedInContext,
  id: string,
  input: AnalysisDefinition,
): Promise<AnalysisView> {
  const t = ctx.deps.db.tables;
  const changed = await ctx.deps.db
    .update(t.analysis)
    .set({ ...input, updatedAt: ctx.deps.now() })
    .where(and(eq(t.analysis.id, id), eq(t.analysis.workspaceId, ctx.workspace.id)))
    .returning({ id: t.analysis.id });
  if (changed.length === 0) throw notFound();
  return requireAnalysis(ctx, id);
}

/** The schedules that run this analysis, described in words, for the delete confirmation. */
export async function schedulesUsing(ctx: SignedInContext, id: string): Promise<AnalysisSchedules> {
  const { schedule } = ctx.deps.db.tables;
  const rows = await ctx.deps.db
    .select({
      id: schedule.id,
      cadence: schedule.cadence,
      timeZone: schedule.timeZone,
      paused: schedule.paused,
    })
    .from(schedule)
    .where(and(eq(schedule.analysisId, id), eq(schedule.workspaceId, ctx.workspace.id)));
  return rows.map((r) => ({
    id: r.id,
    description: describeCadence(r.cadence as ScheduleCadence, r.timeZone),
    paused: r.paused,
  }));
}

/**
 * Deletes an analysis; its reports stay (they hold their own copy of everything) and its runs forget it. Schedules
 * that run it are deleted with it only when the caller says so (deleteSchedules): otherwise CONFLICT names them,
 * so no schedule disappears unannounced.
 */
export async function deleteAnalysis(
  ctx: SignedInContext,
  input: { id: string; deleteSchedules: boolean },
): Promise<void> {
  const { db } = ctx.deps;
  const t = db.tables;
  const workspaceId = ctx.workspace.id;
  const { id } = input;
  const outcome = await db.transaction(async (tx) => {
    const [found] = await tx
      .select({ id: t.analysis.id })
      .from(t.analysis)
      .where(and(eq(t.analysis.id, id), eq(t.analysis.workspaceId, workspaceId)))
      .limit(1);
    if (!found) return { kind: 'not-found' as const };
    const schedules = await tx
      .select({ id: t.schedule.id, cadence: t.schedule.cadence, timeZone: t.schedule.timeZone })
      .from(t.schedule)
      .where(and(eq(t.schedule.analysisId, id), eq(t.schedule.workspaceId, workspaceId)));
    if (schedules.length > 0 && !input.deleteSchedules) {
      return {
        kind: 'used' as const,
        described: schedules.map((s) => describeCadence(s.cadence as ScheduleCadence, s.timeZone)),
      };
    }
    await tx
      .update(t.analysisRun)
      .set({ analysisId: null })
      .where(and(eq(t.analysisRun.analysisId, id), eq(t.analysisRun.workspaceId, workspaceId)));
    // Explicitly, not by the foreign key's cascade: the caller was told and agreed.
    await tx
      .delete(t.schedule)
      .where(and(eq(t.schedule.analysisId, id), eq(t.schedule.workspaceId, workspaceId)));
    await tx.delete(t.analysis).where(and(eq(t.analysis.id, id), eq(t.analysis.workspaceId, workspaceId)));
    return { kind: 'deleted' as const, schedules: schedules.length };
  });
  if (outcome.kind === 'not-found') throw notFound();
  if (outcome.kind === 'used') {
    throw new TRPCError({
      code: 'CONFLICT',
      message: `Schedules run this analysis (${outcome.described.join('; ')}). Deleting it deletes them too: confirm with deleteSchedules.`,
      cause: new ReasonedCause('analysis-used-by-schedules'),
    });
  }
  ctx.deps.logger.info(
    { workspaceId, analysisId: id, schedulesDeleted: outcome.schedules },
    'analysis deleted',
  );
}
