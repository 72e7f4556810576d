import type { ApiTokenView } from '@callmine/contracts';
import { schema } from '@callmine/db';
import { TRPCError } from '@trpc/server';
import { and, eq, isNull } from 'drizzle-orm';
import type { AdminContext } from '../../procedure-context.ts';
import { findApiToken, toApiTokenView } from './queries.ts';

/** Takes effect on the token's next call. Revoking twice is harmless. */
export function revokeApiToken(ctx: AdminContext, tokenId: string): ApiTokenView {
  const now = ctx.deps.now();
  const { db } = ctx.deps;
  db.update(schema.apiToken)
    .set({ revokedAt: now })
    .where(
      and(
        eq(schema.apiToken.id, tokenId),
        eq(schema.apiToken.workspaceId, ctx.workspace.id),
        isNull(schema.apiToken.revokedAt),
      ),
    )
    .run();
  // Scoped to the caller's workspace: another workspace's token id looks exactly like an unknown one.
  const found = findApiToken(db, ctx.workspace.id, tokenId);
  if (!found) throw new TRPCError({ code: 'NOT_FOUND', message: 'That token does not exist.' });
  ctx.deps.logger.info(
    { workspaceId: ctx.workspace.id, principal: `token:${tokenId}`, by: ctx.user.id },
    'api token revoked',
  );
  return toApiTokenView(found.token, found.creator, now);
}
