import type { RunView } from '@callmine/contracts';
import { schema } from '@callmine/db';
import { TRPCError } from '@trpc/server';
import { and, eq, inArray } from 'drizzle-orm';
import type { SignedInContext } from '../../procedure-context.ts';
import { findRun } from './queries.ts';

/**
 * A queued run is canceled at once; a running one is flagged and the worker stops it at its next checkpoint
 * (so no half-written batch). A finished run stays as it is.
 */
export function cancelRun(ctx: SignedInContext, id: string): RunView {
  const { db, now } = ctx.deps;
  const workspaceId = ctx.workspace.id;
  const mine = and(eq(schema.analysisRun.id, id), eq(schema.analysisRun.workspaceId, workspaceId));
  const at = now();
  db.transaction((tx) => {
    tx.update(schema.analysisRun)
      .set({ status: 'canceled', cancelRequested: true, finishedAt: at, updatedAt: at })
      .where(and(mine, eq(schema.analysisRun.status, 'queued')))
      .run();
    tx.update(schema.analysisRun)
      .set({ cancelRequested: true, updatedAt: at })
      .where(and(mine, inArray(schema.analysisRun.status, ['fetching', 'analyzing'])))
      .run();
  });
  const view = findRun(db, workspaceId, id);
  if (!view)
    throw new TRPCError({ code: 'NOT_FOUND', message: 'That run does not exist in this workspace.' });
  ctx.deps.logger.info({ workspaceId, runId: id, by: ctx.user.id }, 'run cancel requested');
  return view;
}
