import {
  gongAuditEntry,
  gongBasicAuthInput,
  gongConnectionView,
  gongOAuthAvailability,
  gongOAuthStart,
} from '@callmine/contracts';
import { z } from 'zod';
import { adminProcedure, router, signedInProcedure } from '../../../trpc.ts';
import { connectBasic } from './connect-basic.ts';
import { disconnect } from './disconnect.ts';
import { auditLog, connectionView } from './queries.ts';
import { startOAuth } from './start-oauth.ts';

export const gongRouter = router({
  /** Everyone in the workspace sees the status; nobody ever receives a secret. */
  get: signedInProcedure
    .output(gongConnectionView)
    .query(({ ctx }) => connectionView(ctx.deps.db, ctx.workspace.id, ctx.deps.gong.defaultBaseUrl)),
  connectBasic: adminProcedure
    .input(gongBasicAuthInput)
    .output(gongConnectionView)
    .mutation(({ ctx, input }) => connectBasic(ctx, input)),
  /** Whether the operator registered Callmine's OAuth app; without it the card disables "Connect with OAuth". */
  oauthAvailability: signedInProcedure
    .output(gongOAuthAvailability)
    .query(({ ctx }) => ({ available: ctx.deps.gongOAuth !== null })),
  /** The Gong authorize URL (single-use state, PKCE) the card navigates to; the callback finishes the swap. */
  startOAuth: adminProcedure.output(gongOAuthStart).mutation(({ ctx }) => startOAuth(ctx)),
  disconnect: adminProcedure.output(gongConnectionView).mutation(({ ctx }) => disconnect(ctx)),
  auditLog: adminProcedure
    .output(z.array(gongAuditEntry))
    .query(({ ctx }) => auditLog(ctx.deps.db, ctx.workspace.id)),
});
