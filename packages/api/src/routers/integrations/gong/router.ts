import { gongAuditEntry, gongBasicAuthInput, gongConnectionView } from '@callmine/contracts';
import { z } from 'zod';
import { adminProcedure, router, signedInProcedure } from '../../../trpc.ts';
import { connectBasic } from './connect-basic.ts';
import { disconnect } from './disconnect.ts';
import { auditLog, connectionView } from './queries.ts';

export const gongRouter = router({
  /** Everyone in the workspace sees the status; nobody ever receives a secret. */
  get: signedInProcedure
    .output(gongConnectionView)
    .query(({ ctx }) => connectionView(ctx.deps.db, ctx.workspace.id, ctx.deps.gong.defaultBaseUrl)),
  connectBasic: adminProcedure
    .input(gongBasicAuthInput)
    .output(gongConnectionView)
    .mutation(({ ctx, input }) => connectBasic(ctx, input)),
  disconnect: adminProcedure.output(gongConnectionView).mutation(({ ctx }) => disconnect(ctx)),
  auditLog: adminProcedure
    .output(z.array(gongAuditEntry))
    .query(({ ctx }) => auditLog(ctx.deps.db, ctx.workspace.id)),
});
