import { runIdInput, runSelectionInput, runView } from '@callmine/contracts';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { router, signedInProcedure } from '../../trpc.ts';
import { cancelRun } from './cancel.ts';
import { findRun, listRuns } from './queries.ts';
import { startRun } from './start.ts';

/** Analysis runs: every member (owner, admin or member) may start, cancel and follow the workspace's runs. */
export const runsRouter = router({
  list: signedInProcedure
    .output(z.array(runView))
    .query(({ ctx }) => listRuns(ctx.deps.db, ctx.workspace.id)),
  get: signedInProcedure
    .input(runIdInput)
    .output(runView)
    .query(({ ctx, input }) => {
      const run = findRun(ctx.deps.db, ctx.workspace.id, input.id);
      if (!run)
        throw new TRPCError({ code: 'NOT_FOUND', message: 'That run does not exist in this workspace.' });
      return run;
    }),
  start: signedInProcedure
    .input(runSelectionInput)
    .output(runView)
    .mutation(({ ctx, input }) => startRun(ctx, input)),
  cancel: signedInProcedure
    .input(runIdInput)
    .output(runView)
    .mutation(({ ctx, input }) => cancelRun(ctx, input.id)),
});
