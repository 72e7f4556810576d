import {
  listReportsInput,
  reportCallsInput,
  reportCallsPage,
  reportEvidenceInput,
  reportEvidencePage,
  reportGetInput,
  reportIdInput,
  reportOverview,
  reportSummary,
  reportView,
} from '@callmine/contracts';
import { z } from 'zod';
import { adminProcedure, router, signedInProcedure } from '../../trpc.ts';
import { pageCalls } from './calls.ts';
import { deleteReport } from './delete.ts';
import { pageEvidence } from './evidence.ts';
import { reportOverview as buildOverview } from './overview.ts';
import { findReport, listReports } from './queries.ts';
import { notFound } from './stored-report.ts';

const notHere = [{ code: 'NOT_FOUND' as const, when: 'No such report here.' }];

/** Reports are read by every member; deleting one needs an admin and leaves an audit row. */
export const reportsRouter = router({
  list: signedInProcedure
    .meta({ summary: 'The workspace’s reports, newest first, optionally filtered by name.' })
    .input(listReportsInput)
    .output(z.array(reportSummary))
    .query(({ ctx, input }) => listReports(ctx.deps.db, ctx.workspace.id, input.search)),
  get: signedInProcedure
    .meta({
      summary:
        'One report’s header, counts and weekly trends, narrowed by the view’s filters (rep, week, tracker, phrase). The sentences and the calls are paged by reports.evidence and reports.calls.',
      errors: notHere,
    })
    .input(reportGetInput)
    .output(reportOverview)
    .query(({ ctx, input }) => buildOverview(ctx.deps.db, ctx.workspace.id, input)),
  evidence: signedInProcedure
    .meta({
      summary:
        'One page of the sentences behind a section’s counts (or one row’s), with each call’s title, date and rep; filters and a search narrow it.',
      errors: notHere,
    })
    .input(reportEvidenceInput)
    .output(reportEvidencePage)
    .query(({ ctx, input }) => pageEvidence(ctx.deps.db, ctx.workspace.id, input)),
  calls: signedInProcedure
    .meta({
      summary: 'One page of the report’s calls, filtered, searched and sorted, with their tracker mentions.',
      errors: notHere,
    })
    .input(reportCallsInput)
    .output(reportCallsPage)
    .query(({ ctx, input }) => pageCalls(ctx.deps.db, ctx.workspace.id, input)),
  export: signedInProcedure
    .meta({
      summary: 'The whole stored report: parameters, every call, results and all the evidence kept.',
      errors: notHere,
    })
    .input(reportIdInput)
    .output(reportView)
    .query(async ({ ctx, input }) => {
      const found = await findReport(ctx.deps.db, ctx.workspace.id, input.id);
      if (!found) throw notFound();
      return found;
    }),
  delete: adminProcedure
    .meta({
      summary: 'Deletes a report (admins); the deletion is recorded in the workspace audit log.',
      errors: notHere,
    })
    .input(reportIdInput)
    .output(z.object({ deleted: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await deleteReport(ctx, input.id);
      return { deleted: true as const };
    }),
});
