import type { ApiTokenView } from '@callmine/contracts';
import { TRPCError } from '@trpc/server';
import { and, eq, isNull } from 'drizzle-orm';
import type { AdminContext } from '../../procedure-context.ts';
import { findApiToken, toApiTokenView } from './queries.ts';

/** Takes effect on the token's next call. Revoking twice is harmless. */
export async function revokeApiToken(ctx: AdminContext, tokenId: string): Promise<ApiTokenView> {
  const now = ctx.deps.now();
  const { db } = ctx.deps;
  const t = db.tables;
  await db
    .update(t.apiToken)
    .set({ revokedAt: now })
    .where(
      and(
        eq(t.apiToken.id, tokenId),
        eq(t.apiToken.workspaceId, ctx.workspace.id),
        isNull(t.apiToken.revokedAt),
      ),
    );
  // Scoped to the caller's workspace: another workspace's token id looks exactly like an unknown one.
  const found = await findApiToken(db, ctx.workspace.id, tokenId);
  if (!found) throw new TRPCError({ code: 'NOT_FOUND', message: 'That token does not exist.' });
  ctx.deps.logger.info(
    { workspaceId: ctx.workspace.id, principal: `token:${tokenId}`, by: ctx.user.id },
    'api token revoked',
  );
  return toApiTokenView(found.token, found.creator, now);
}
