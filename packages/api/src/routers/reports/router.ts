import { listReportsInput, reportIdInput, reportSummary, reportView } from '@callmine/contracts';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { adminProcedure, router, signedInProcedure } from '../../trpc.ts';
import { deleteReport } from './delete.ts';
import { findReport, listReports } from './queries.ts';

/** Reports are read by every member; deleting one needs an admin and leaves an audit row. */
export const reportsRouter = router({
  list: signedInProcedure
    .meta({ summary: 'The workspace’s reports, newest first, optionally filtered by name.' })
    .input(listReportsInput)
    .output(z.array(reportSummary))
    .query(async ({ ctx, input }) => listReports(ctx.deps.db, ctx.workspace.id, input.search)),
  get: signedInProcedure
    .meta({
      summary: 'One report in full: parameters, calls, results and the evidence behind every count.',
      errors: [{ code: 'NOT_FOUND', when: 'No such report here.' }],
    })
    .input(reportIdInput)
    .output(reportView)
    .query(async ({ ctx, input }) => {
      const found = await findReport(ctx.deps.db, ctx.workspace.id, input.id);
      if (!found)
        throw new TRPCError({ code: 'NOT_FOUND', message: 'That report does not exist in this workspace.' });
      return found;
    }),
  delete: adminProcedure
    .meta({
      summary: 'Deletes a report (admins); the deletion is recorded in the workspace audit log.',
      errors: [{ code: 'NOT_FOUND', when: 'No such report here.' }],
    })
    .input(reportIdInput)
    .output(z.object({ deleted: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await deleteReport(ctx, input.id);
      return { deleted: true as const };
    }),
});
