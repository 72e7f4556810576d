import { randomUUID } from 'node:crypto';
import type { AnalysisDefinition, AnalysisView } from '@callmine/contracts';
import { schema } from '@callmine/db';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import type { SignedInContext } from '../../procedure-context.ts';
import { findAnalysis } from './queries.ts';

const notFound = () =>
  new TRPCError({ code: 'NOT_FOUND', message: 'That analysis does not exist in this workspace.' });

export function requireAnalysis(ctx: SignedInContext, id: string): AnalysisView {
  const found = findAnalysis(ctx.deps.db, ctx.workspace.id, id);
  if (!found) throw notFound();
  return found;
}

export function createAnalysis(ctx: SignedInContext, input: AnalysisDefinition): AnalysisView {
  const at = ctx.deps.now();
  const id = randomUUID();
  ctx.deps.db
    .insert(schema.analysis)
    .values({
      id,
      workspaceId: ctx.workspace.id,
      ...input,
      createdBy: ctx.user.id,
      createdAt: at,
      updatedAt: at,
    })
    .run();
  return requireAnalysis(ctx, id);
}

/** Editing changes future runs only: each run (and its report) keeps the snapshot it started with. */
export function updateAnalysis(ctx: SignedInContext, id: string, input: AnalysisDefinition): AnalysisView {
  const changed = ctx.deps.db
    .update(schema.analysis)
    .set({ ...input, updatedAt: ctx.deps.now() })
    .where(and(eq(schema.analysis.id, id), eq(schema.analysis.workspaceId, ctx.workspace.id)))
    .run();
  if (changed.changes === 0) throw notFound();
  return requireAnalysis(ctx, id);
}

/** Its reports stay (they hold their own copy of everything); its runs forget it. */
/** The schedules that run this analysis, described in words, for the delete confirmation. */
export async function schedulesUsing(ctx: SignedInContext, id: string): Promise<AnalysisSchedules> {
  const rows = await ctx.deps.db
    .select({
      id: schema.schedule.id,
      cadence: schema.schedule.cadence,
      timeZone: schema.schedule.timeZone,
      paused: schema.schedule.paused,
    })
    .from(schema.schedule)
    .where(and(eq(schema.schedule.analysisId, id), eq(schema.schedule.workspaceId, ctx.workspace.id)));
  return rows.map((r) => ({
    id: r.id,
    description: describeCadence(r.cadence as ScheduleCadence, r.timeZone),
    paused: r.paused,
  }));
}

/**
 * Deletes an analysis; its runs and reports stay. Schedules that run it are deleted with it only when the caller
 * says so (deleteSchedules): otherwise CONFLICT names them, so no schedule disappears unannounced.
 */
export async function deleteAnalysis(ctx: SignedInContext, input: { id: string; deleteSchedules: boolean }) {
  const { db } = ctx.deps;
  const workspaceId = ctx.workspace.id;
  const { id } = input;
  const outcome = await db.transaction(async (tx) => {
    const [found] = await tx
      .select({ id: schema.analysis.id })
      .from(schema.analysis)
      .where(and(eq(schema.analysis.id, id), eq(schema.analysis.workspaceId, workspaceId)))
      .limit(1);
    if (!found) return { kind: 'not-found' as const };
    const schedules = await tx
      .select({
        id: schema.schedule.id,
        cadence: schema.schedule.cadence,
        timeZone: schema.schedule.timeZone,
      })
      .from(schema.schedule)
      .where(and(eq(schema.schedule.analysisId, id), eq(schema.schedule.workspaceId, workspaceId)));
    if (schedules.length > 0 && !input.deleteSchedules) {
      return {
        kind: 'used' as const,
        described: schedules.map((s) => describeCadence(s.cadence as ScheduleCadence, s.timeZone)),
      };
    }
    await tx
      .update(schema.analysisRun)
      .set({ analysisId: null })
      .where(and(eq(schema.analysisRun.analysisId, id), eq(schema.analysisRun.workspaceId, workspaceId)));
    // Explicitly, not by the foreign key's cascade: the caller was told and agreed.
    await tx
      .delete(schema.schedule)
      .where(and(eq(schema.schedule.analysisId, id), eq(schema.schedule.workspaceId, workspaceId)));
    await tx
      .delete(schema.analysis)
      .where(and(eq(schema.analysis.id, id), eq(schema.analysis.workspaceId, workspaceId)));
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
