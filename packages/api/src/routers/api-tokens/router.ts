import { apiTokenView, createApiTokenInput, createdApiToken, revokeApiTokenInput } from '@callmine/contracts';
import { z } from 'zod';
import { adminProcedure, router } from '../../trpc.ts';
import { createApiToken } from './create.ts';
import { listApiTokens } from './queries.ts';
import { revokeApiToken } from './revoke.ts';

/** Managing tokens is a person's job: a token can never create, see or revoke tokens. */
export const apiTokensRouter = router({
  list: adminProcedure
    .meta({
      tokens: false,
      summary: "The workspace's API tokens with their status and last use (never the token).",
    })
    .output(z.array(apiTokenView))
    .query(async ({ ctx }) => listApiTokens(ctx.deps.db, ctx.workspace.id, ctx.deps.now())),
  create: adminProcedure
    .meta({
      tokens: false,
      summary: 'Creates a token. The response holds the token itself, the only time it is ever shown.',
    })
    .input(createApiTokenInput)
    .output(createdApiToken)
    .mutation(async ({ ctx, input }) => createApiToken(ctx, input)),
  revoke: adminProcedure
    .meta({
      tokens: false,
      summary: 'Revokes a token; its next call is refused.',
      errors: [{ code: 'NOT_FOUND', when: 'No token with that id in this workspace.' }],
    })
    .input(revokeApiTokenInput)
    .output(apiTokenView)
    .mutation(async ({ ctx, input }) => revokeApiToken(ctx, input.tokenId)),
});
