import { STARTER_TRACKERS } from '@callmine/analysis';
import {
  analysisDefinitionInput,
  analysisIdInput,
  analysisSchedules,
  analysisView,
  deleteAnalysisInput,
  runView,
  trackerSettings,
  updateAnalysisInput,
  usageEstimate,
} from '@callmine/contracts';
import { z } from 'zod';
import { router, signedInProcedure } from '../../trpc.ts';
import { startRun } from '../runs/start.ts';
import { estimateUsage } from '../usage/estimate.ts';
import { listAnalyses } from './queries.ts';
import { analysisRunSelection } from './run-selection.ts';
import { createAnalysis, deleteAnalysis, requireAnalysis, schedulesUsing, updateAnalysis } from './write.ts';

const notFound = [{ code: 'NOT_FOUND' as const, when: 'No such analysis in this workspace.' }];

/** Saved analyses: every member may define, edit, run and delete them (they hold no secrets and reports survive). */
export const analysesRouter = router({
  list: signedInProcedure
    .meta({ summary: 'The workspace’s saved analyses by name, each with its latest run.' })
    .output(z.array(analysisView))
    .query(async ({ ctx }) => listAnalyses(ctx.deps.db, ctx.workspace.id)),
  get: signedInProcedure
    .meta({ summary: 'One saved analysis.', errors: notFound })
    .input(analysisIdInput)
    .output(analysisView)
    .query(async ({ ctx, input }) => requireAnalysis(ctx, input.id)),
  templates: signedInProcedure
    .meta({ summary: 'Starter trackers (competitors, pricing, next steps, …) the editor offers to copy.' })
    .output(z.array(trackerSettings))
    .query(() => trackerSettings.array().parse(STARTER_TRACKERS)),
  create: signedInProcedure
    .meta({ summary: 'Saves a new analysis: name, window, filters, analysers and trackers.' })
    .input(analysisDefinitionInput)
    .output(analysisView)
    .mutation(async ({ ctx, input }) => createAnalysis(ctx, input)),
  update: signedInProcedure
    .meta({
      summary: 'Changes an analysis; runs already made keep the settings they started with.',
      errors: notFound,
    })
    .input(updateAnalysisInput)
    .output(analysisView)
    .mutation(async ({ ctx, input: { id, ...definition } }) => updateAnalysis(ctx, id, definition)),
  schedules: signedInProcedure
    .meta({ summary: 'The schedules that run an analysis, described in words.', errors: notFound })
    .input(analysisIdInput)
    .output(analysisSchedules)
    .query(async ({ ctx, input }) => {
      await requireAnalysis(ctx, input.id);
      return schedulesUsing(ctx, input.id);
    }),
  delete: signedInProcedure
    .meta({
      summary:
        'Deletes an analysis; its runs and reports stay. Schedules that run it are deleted with it only with deleteSchedules: true.',
      errors: [
        ...notFound,
        {
          code: 'CONFLICT',
          when: 'Schedules run it and deleteSchedules was not set (reason analysis-used-by-schedules).',
        },
      ],
    })
    .input(deleteAnalysisInput)
    .output(z.object({ deleted: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await deleteAnalysis(ctx, input);
      return { deleted: true as const };
    }),

  run: signedInProcedure
    .meta({
      summary:
        'Starts a run of a saved analysis now; a relative window ("last 7 days") is resolved to dates today.',
      errors: [
        ...notFound,
        { code: 'PRECONDITION_FAILED', when: 'Gong is not connected or needs attention.' },
      ],
    })
    .input(analysisIdInput)
    .output(runView)
    .mutation(async ({ ctx, input }) => {
      const analysis = await requireAnalysis(ctx, input.id);
      return startRun(ctx, {
        selection: analysisRunSelection(analysis, ctx.deps.now()),
        settings: analysis.settings,
        analysisId: analysis.id,
        analysisName: analysis.name,
      });
    }),
  estimate: signedInProcedure
    .meta({
      summary:
        'How many new calls running this analysis now would charge this month (its window resolved today), like usage.estimate.',
      errors: notFound,
    })
    .input(analysisIdInput)
    .output(usageEstimate)
    .query(async ({ ctx, input }) => {
      const now = ctx.deps.now();
      const selection = analysisRunSelection(await requireAnalysis(ctx, input.id), now);
      return estimateUsage(ctx.deps.db, ctx.workspace.id, selection, ctx.deps.monthlyCallQuota, now);
    }),
});
