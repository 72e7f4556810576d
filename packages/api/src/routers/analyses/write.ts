import { randomUUID } from 'node:crypto';
import type { AnalysisDefinition, AnalysisView } from '@callmine/contracts';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
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

/** Its reports stay (they hold their own copy of everything); its runs forget it. */
export async function deleteAnalysis(ctx: SignedInContext, id: string): Promise<void> {
  const { db } = ctx.deps;
  const t = db.tables;
  const deleted = await db.transaction(async (tx) => {
    await tx
      .update(t.analysisRun)
      .set({ analysisId: null })
      .where(and(eq(t.analysisRun.analysisId, id), eq(t.analysisRun.workspaceId, ctx.workspace.id)));
    const removed = await tx
      .delete(t.analysis)
      .where(and(eq(t.analysis.id, id), eq(t.analysis.workspaceId, ctx.workspace.id)))
      .returning({ id: t.analysis.id });
    return removed.length;
  });
  if (deleted === 0) throw notFound();
}
