import { runIdInput, runStartInput, runView } from '@callmine/contracts';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { router, signedInProcedure } from '../../trpc.ts';
import { cancelRun } from './cancel.ts';
import { findRun, listRuns } from './queries.ts';
import { adHocPlan, assertNotInFuture, startRun } from './start.ts';

/** Analysis runs: every member (owner, admin or member) may start, cancel and follow the workspace's runs. */
export const runsRouter = router({
  list: signedInProcedure
    .meta({ summary: 'The workspace’s analysis runs, newest first, with progress and totals.' })
    .output(z.array(runView))
    .query(async ({ ctx }) => listRuns(ctx.deps.db, ctx.workspace.id)),
  get: signedInProcedure
    .meta({
      summary: 'One run with its live progress.',
      errors: [{ code: 'NOT_FOUND', when: 'No such run here.' }],
    })
    .input(runIdInput)
    .output(runView)
    .query(async ({ ctx, input }) => {
      const run = await findRun(ctx.deps.db, ctx.workspace.id, input.id);
      if (!run)
        throw new TRPCError({ code: 'NOT_FOUND', message: 'That run does not exist in this workspace.' });
      return run;
    }),
  start: signedInProcedure
    .meta({
      summary:
        'Queues an ad-hoc run over a call selection (date range and filters) with every analyser and the trackers given (the starter trackers when `trackers` is omitted). To run a saved analysis, call analyses.run.',
      errors: [{ code: 'PRECONDITION_FAILED', when: 'Gong is not connected or needs attention.' }],
    })
    .input(runStartInput)
    .output(runView)
    .mutation(async ({ ctx, input }) => {
      assertNotInFuture(input, ctx.deps.now());
      return startRun(ctx, adHocPlan(input));
    }),
  cancel: signedInProcedure
    .meta({ summary: 'Cancels a queued run at once, a running one at its next checkpoint.' })
    .input(runIdInput)
    .output(runView)
    .mutation(async ({ ctx, input }) => cancelRun(ctx, input.id)),
});
