import {
  scheduleDetailView,
  scheduleDraftEstimateInput,
  scheduleEstimate,
  scheduleFormInput,
  scheduleIdInput,
  scheduleUpdateInput,
  scheduleView,
  workspaceTimeZoneInput,
  workspaceTimeZoneView,
} from '@callmine/contracts';
import { z } from 'zod';
import { adminProcedure, router, signedInProcedure } from '../../trpc.ts';
import { estimateDraftSchedule, estimateSavedSchedule } from './estimate.ts';
import { listSchedules } from './queries.ts';
import { runScheduleNow } from './run-now.ts';
import { createSchedule, deleteSchedule, setPaused, updateSchedule, view } from './save.ts';
import { setWorkspaceTimeZone, workspaceTimeZone } from './workspace-zone.ts';

const notFound = { code: 'NOT_FOUND' as const, when: 'No such schedule in this workspace.' };
const badInput = {
  code: 'BAD_REQUEST' as const,
  when: 'A field is invalid (also: a cron expression that does not parse or fires more often than every 15 minutes, or an analysis that no longer exists).',
};

/**
 * Schedules: every member may create, edit, pause, resume, delete and run them, like runs and saved analyses
 * (a schedule only starts runs members could start by hand). The workspace's default zone is an admin setting.
 */
export const schedulesRouter = router({
  list: signedInProcedure
    .meta({ summary: 'The workspace’s schedules with their next run, zone and last occurrence.' })
    .output(z.array(scheduleView))
    .query(async ({ ctx }) => listSchedules(ctx.deps.db, ctx.workspace.id)),
  get: signedInProcedure
    .meta({
      summary: 'One schedule with its recent occurrences (run, skipped or failed, with the reason).',
      errors: [notFound],
    })
    .input(scheduleIdInput)
    .output(scheduleDetailView)
    .query(async ({ ctx, input }) => view(ctx, input.id)),
  create: signedInProcedure
    .meta({
      summary:
        'Schedules a saved analysis: daily, weekly or monthly at a time in a zone, or a cron expression.',
      errors: [badInput],
    })
    .input(scheduleFormInput)
    .output(scheduleDetailView)
    .mutation(async ({ ctx, input }) => createSchedule(ctx, input)),
  update: signedInProcedure
    .meta({
      summary: 'Changes a schedule’s analysis, cadence or zone; the next run is computed afresh from now.',
      errors: [notFound, badInput],
    })
    .input(scheduleUpdateInput)
    .output(scheduleDetailView)
    .mutation(async ({ ctx, input }) => updateSchedule(ctx, input.id, input.schedule)),
  pause: signedInProcedure
    .meta({ summary: 'Pauses a schedule: no occurrences until it is resumed.', errors: [notFound] })
    .input(scheduleIdInput)
    .output(scheduleDetailView)
    .mutation(async ({ ctx, input }) => setPaused(ctx, input.id, true)),
  resume: signedInProcedure
    .meta({
      summary: 'Resumes a schedule from its next slot after now (slots while paused are not owed).',
      errors: [notFound],
    })
    .input(scheduleIdInput)
    .output(scheduleDetailView)
    .mutation(async ({ ctx, input }) => setPaused(ctx, input.id, false)),
  delete: signedInProcedure
    .meta({
      summary: 'Deletes a schedule and its occurrence history; its runs and reports stay.',
      errors: [notFound],
    })
    .input(scheduleIdInput)
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => deleteSchedule(ctx, input.id)),
  runNow: signedInProcedure
    .meta({
      summary:
        'Runs a schedule now over the window its next occurrence would cover, ending now; the cadence is unchanged.',
      errors: [
        notFound,
        { code: 'PRECONDITION_FAILED', when: 'Gong is not connected or needs attention.' },
        { code: 'CONFLICT', when: 'The same schedule was started at the same instant.' },
      ],
    })
    .input(scheduleIdInput)
    .output(scheduleDetailView)
    .mutation(async ({ ctx, input }) => runScheduleNow(ctx, input.id)),
  estimate: signedInProcedure
    .meta({
      summary:
        'What running this schedule now would charge (its run-now window and the analysis’s filters), and a projection of its slots left this month against the allowance (none while paused).',
      errors: [notFound],
    })
    .input(scheduleIdInput)
    .output(scheduleEstimate)
    .query(async ({ ctx, input }) => estimateSavedSchedule(ctx, input.id)),
  estimateDraft: signedInProcedure
    .meta({
      summary:
        'The same estimate for the editor’s fields as typed, before saving (pass `id` when editing a schedule).',
      errors: [notFound, badInput],
    })
    .input(scheduleDraftEstimateInput)
    .output(scheduleEstimate)
    .query(async ({ ctx, input }) => estimateDraftSchedule(ctx, input)),
  workspaceTimeZone: signedInProcedure
    .meta({ summary: 'The zone new schedules start with (UTC until an admin picks one).' })
    .output(workspaceTimeZoneView)
    .query(async ({ ctx }) => ({ timeZone: await workspaceTimeZone(ctx.deps.db, ctx.workspace.id) })),
  setWorkspaceTimeZone: adminProcedure
    .meta({ summary: 'Sets the zone new schedules start with; existing schedules keep theirs.' })
    .input(workspaceTimeZoneInput)
    .output(workspaceTimeZoneView)
    .mutation(async ({ ctx, input }) => {
      await setWorkspaceTimeZone(ctx.deps.db, ctx.workspace.id, input.timeZone, ctx.deps.now());
      ctx.deps.logger.info({ workspaceId: ctx.workspace.id, by: ctx.user.id }, 'workspace time zone set');
      return { timeZone: input.timeZone };
    }),
});
