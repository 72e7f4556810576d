import { runSelectionInput, usageEstimate, usageSummary } from '@callmine/contracts';
import { router, signedInProcedure } from '../../trpc.ts';
import { estimateUsage } from './estimate.ts';
import { usageSummary as summarize } from './summary.ts';

/** The monthly allowance of analysed calls: every member may see it; operators change it (`npm run quota`). */
export const usageRouter = router({
  summary: signedInProcedure
    .meta({
      summary:
        'This month’s analysed calls against the workspace’s allowance, use by month, and the runs that used it.',
    })
    .output(usageSummary)
    .query(({ ctx }) => summarize(ctx.deps.db, ctx.workspace.id, ctx.deps.monthlyCallQuota, ctx.deps.now())),
  estimate: signedInProcedure
    .meta({
      summary:
        'How many new calls a run over this selection would charge this month (exact, or a lower bound when the call cache may not cover the range).',
    })
    .input(runSelectionInput)
    .output(usageEstimate)
    .query(async ({ ctx, input }) =>
      estimateUsage(ctx.deps.db, ctx.workspace.id, input, ctx.deps.monthlyCallQuota, ctx.deps.now()),
    ),
});
