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
    .meta({ summary: 'The Gong connection status and non-secret details (never a key or secret).' })
    .output(gongConnectionView)
    .query(async ({ ctx }) => connectionView(ctx.deps.db, ctx.workspace.id, ctx.deps.gong.defaultBaseUrl)),
  connectBasic: adminProcedure
    .meta({
      tokens: false,
      summary:
        'Validates a Gong access key and secret with Gong, then stores them sealed (replaces any old key).',
      errors: [
        { code: 'BAD_REQUEST', reason: 'gong-invalid-credentials', when: 'Gong rejected the key.' },
        { code: 'BAD_REQUEST', reason: 'gong-forbidden', when: 'The key lacks API permission.' },
        {
          code: 'BAD_REQUEST',
          reason: 'gong-base-url-not-allowed',
          when: 'The base URL is not a Gong API address.',
        },
        { code: 'BAD_GATEWAY', reason: 'gong-unreachable', when: 'Gong could not be reached.' },
        { code: 'CONFLICT', when: 'Someone else changed the connection meanwhile (stale version).' },
        { code: 'TOO_MANY_REQUESTS', when: 'Too many connection attempts, or Gong is rate-limiting us.' },
      ],
    })
    .input(gongBasicAuthInput)
    .output(gongConnectionView)
    .mutation(({ ctx, input }) => connectBasic(ctx, input)),
  disconnect: adminProcedure
    .meta({ tokens: false, summary: 'Deletes the stored Gong credential.' })
    .output(gongConnectionView)
    .mutation(async ({ ctx }) => disconnect(ctx)),
  /** Whether the operator registered Callmine's OAuth app; without it the card disables "Connect with OAuth". */
  oauthAvailability: signedInProcedure
    .meta({ summary: 'Whether this Callmine is registered as a Gong OAuth app (else only basic-auth).' })
    .output(gongOAuthAvailability)
    .query(({ ctx }) => ({ available: ctx.deps.gongOAuth !== null })),
  /** The Gong authorize URL (single-use state, PKCE) the card navigates to; the callback finishes the swap. */
  startOAuth: adminProcedure
    .meta({
      tokens: false,
      summary: 'Starts connecting Gong with OAuth: the authorize URL to send the browser to.',
    })
    .output(gongOAuthStart)
    .mutation(async ({ ctx }) => startOAuth(ctx)),
  auditLog: adminProcedure
    .meta({ summary: 'Who connected, rotated or disconnected Gong, and when.' })
    .output(z.array(gongAuditEntry))
    .query(async ({ ctx }) => auditLog(ctx.deps.db, ctx.workspace.id)),
});
