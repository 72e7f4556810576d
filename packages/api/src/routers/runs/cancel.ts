import type { RunView } from '@callmine/contracts';
import { TRPCError } from '@trpc/server';
import { and, eq, inArray } from 'drizzle-orm';
import type { SignedInContext } from '../../procedure-context.ts';
import { findRun } from './queries.ts';

/**
 * A queued run is canceled at once; a running one is flagged and the worker stops it at its next checkpoint
 * (so no half-written batch). A finished run stays as it is.
 */
export async function cancelRun(ctx: SignedInContext, id: string): Promise<RunView> {
  const { db, now } = ctx.deps;
  const t = db.tables;
  const workspaceId = ctx.workspace.id;
  const mine = and(eq(t.analysisRun.id, id), eq(t.analysisRun.workspaceId, workspaceId));
  const at = now();
  await db.transaction(async (tx) => {
    await tx
      .update(t.analysisRun)
      .set({ status: 'canceled', cancelRequested: true, finishedAt: at, updatedAt: at })
      .where(and(mine, eq(t.analysisRun.status, 'queued')));
    await tx
      .update(t.analysisRun)
      .set({ cancelRequested: true, updatedAt: at })
      .where(and(mine, inArray(t.analysisRun.status, ['fetching', 'analyzing'])));
  });
  const view = await findRun(db, workspaceId, id);
  if (!view)
    throw new TRPCError({ code: 'NOT_FOUND', message: 'That run does not exist in this workspace.' });
  ctx.deps.logger.info({ workspaceId, runId: id, by: ctx.user.id }, 'run cancel requested');
  return view;
}
