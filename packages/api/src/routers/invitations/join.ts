import type { JoinInvitationInput, SessionView } from '@callmine/contracts';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { forwardCookies } from '../../auth/cookies.ts';
import { findMembership, toSessionView } from '../../auth/membership.ts';
import { passwordSignIn } from '../../auth/password-sign-in.ts';
import { cookieHeaderFrom } from '../../auth/session-cookie.ts';
import type { Context } from '../../context.ts';
import { authCall } from '../../errors.ts';
import { findPendingInvitation } from './find-pending.ts';

/**
 * An invitation to an email that already has an account: the password proves the account is theirs, then the
 * invitation adds a membership to that account (never a second account) and makes the workspace the active one.
 */
export async function joinInvitation(ctx: Context, input: JoinInvitationInput): Promise<SessionView> {
  const { auth, db } = ctx.deps;
  const t = db.tables;
  const invitation = await findPendingInvitation(db, input.invitationId, ctx.deps.now());
  const signedIn = await passwordSignIn(ctx, invitation.email, input.password);
  const accepted = await authCall(() =>
    auth.api.acceptInvitation({
      headers: cookieHeaderFrom(signedIn.headers),
      body: { invitationId: invitation.id },
    }),
  );
  if (!accepted)
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Could not join the workspace.' });
  await db
    .update(t.session)
    .set({ activeOrganizationId: invitation.workspaceId })
    .where(eq(t.session.token, signedIn.sessionToken));
  const membership = await findMembership(db, signedIn.user.id, invitation.workspaceId);
  if (!membership || membership.workspaceId !== invitation.workspaceId)
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Could not join the workspace.' });
  forwardCookies(signedIn.headers, ctx.resHeaders);
  ctx.deps.logger.info(
    { userId: signedIn.user.id, workspaceId: invitation.workspaceId },
    'invitation accepted by an existing account',
  );
  return toSessionView(signedIn.user, membership);
}
