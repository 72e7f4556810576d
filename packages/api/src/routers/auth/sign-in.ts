import type { SessionView, SignInInput } from '@callmine/contracts';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { forwardCookies } from '../../auth/cookies.ts';
import { listMemberships, pickMembership, toSessionView } from '../../auth/membership.ts';
import { isOperator } from '../../auth/operator.ts';
import { passwordSignIn } from '../../auth/password-sign-in.ts';
import type { Context } from '../../context.ts';
import { ReasonedCause } from '../../errors.ts';

/**
 * Signs a person in and makes their oldest usable workspace the active one. Null: signed in, but in no workspace
 * (e.g. their last one was deleted); the SPA says so. A person whose only workspaces are suspended is not let in
 * (unless they operate the instance: they still reach the Operator page).
 */
export async function signIn(ctx: Context, input: SignInInput): Promise<SessionView | null> {
  const { db } = ctx.deps;
  const t = db.tables;
  const signedIn = await passwordSignIn(ctx, input.email, input.password);
  const picked = pickMembership(await listMemberships(db, signedIn.user.id), null);
  if (!picked.ok && picked.reason === 'workspace-suspended' && !(await isOperator(db, signedIn.user.id))) {
    // The session better-auth just made is dropped and no cookie is sent.
    await db.delete(t.session).where(eq(t.session.token, signedIn.sessionToken));
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'Your workspace is suspended by the operator of this Callmine, so you can’t sign in to it.',
      cause: new ReasonedCause('workspace-suspended'),
    });
  }
  await db
    .update(t.session)
    .set({ activeOrganizationId: picked.ok ? picked.membership.workspaceId : null })
    .where(eq(t.session.token, signedIn.sessionToken));
  forwardCookies(signedIn.headers, ctx.resHeaders);
  return picked.ok ? toSessionView(signedIn.user, picked.membership) : null;
}
