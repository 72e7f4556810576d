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
export function deleteAnalysis(ctx: SignedInContext, id: string): void {
  const { db } = ctx.deps;
  const deleted = db.transaction((tx) => {
    tx.update(schema.analysisRun)
      .set({ analysisId: null })
      .where(and(eq(schema.analysisRun.analysisId, id), eq(schema.analysisRun.workspaceId, ctx.workspace.id)))
      .run();
    return tx
      .delete(schema.analysis)
      .where(and(eq(schema.analysis.id, id), eq(schema.analysis.workspaceId, ctx.workspace.id)))
      .run().changes;
  });
  if (deleted === 0) throw notFound();
}
