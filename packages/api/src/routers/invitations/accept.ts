import type { AcceptInvitationInput, SessionView } from '@callmine/contracts';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { forwardCookies } from '../../auth/cookies.ts';
import { findMembership, toSessionView } from '../../auth/membership.ts';
import { cookieHeaderFrom } from '../../auth/session-cookie.ts';
import type { Context } from '../../context.ts';
import { authCall } from '../../errors.ts';
import { findPendingInvitation } from './find-pending.ts';

/**
 * Creates the invited person's account (the only sign-up besides setup), signs them in and joins them to the
 * workspace. The email is the invitation's, so a link can't be used to register another address.
 */
export async function acceptInvitation(ctx: Context, input: AcceptInvitationInput): Promise<SessionView> {
  const { auth, db } = ctx.deps;
  const t = db.tables;
  const invitation = await findPendingInvitation(db, input.invitationId, ctx.deps.now());
  const [existing] = await db
    .select({ id: t.user.id })
    .from(t.user)
    .where(eq(t.user.email, invitation.email))
    .limit(1);
  if (existing) {
    throw new TRPCError({
      code: 'CONFLICT',
      message: 'An account with this email already exists. Sign in with it to join the workspace.',
    });
  }
  const signUp = await authCall(() =>
    auth.api.signUpEmail({
      body: { name: input.name, email: invitation.email, password: input.password },
      returnHeaders: true,
    }),
  );
  const asNewUser = cookieHeaderFrom(signUp.headers);
  const accepted = await authCall(() =>
    auth.api.acceptInvitation({ headers: asNewUser, body: { invitationId: invitation.id } }),
  );
  if (!accepted)
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Could not join the workspace.' });
  forwardCookies(signUp.headers, ctx.resHeaders);
  const user = signUp.response.user;
  const membership = await findMembership(db, user.id);
  if (!membership)
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Could not join the workspace.' });
  ctx.deps.logger.info({ userId: user.id, workspaceId: membership.workspaceId }, 'invitation accepted');
  return toSessionView(user, membership);
}
