import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { authCall } from '../../errors.ts';
import type { AdminContext } from '../../procedure-context.ts';

/**
 * Cancels a pending invitation of this workspace. The invitation is looked up in the caller's workspace first:
 * another workspace's invitation answers NOT_FOUND like one that never existed (better-auth alone would answer
 * "Member not found" to an outsider, and let a person who is admin in both act on it from the wrong workspace).
 */
export async function revokeInvitation(ctx: AdminContext, invitationId: string): Promise<{ ok: true }> {
  const t = ctx.deps.db.tables;
  const [invitation] = await ctx.deps.db
    .select({ id: t.invitation.id })
    .from(t.invitation)
    .where(
      and(
        eq(t.invitation.id, invitationId),
        eq(t.invitation.organizationId, ctx.workspace.id),
        eq(t.invitation.status, 'pending'),
      ),
    )
    .limit(1);
  if (!invitation) {
    throw new TRPCError({
      code: 'NOT_FOUND',
      message: 'No pending invitation has this id in this workspace.',
    });
  }
  await authCall(() => ctx.deps.auth.api.cancelInvitation({ headers: ctx.headers, body: { invitationId } }));
  return { ok: true };
}
