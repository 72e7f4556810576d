import { sessionView, signInInput, signUpInput } from '@callmine/contracts';
import { forwardCookies } from '../../auth/cookies.ts';
import { listMemberships, pickMembership, toSessionView } from '../../auth/membership.ts';
import { authCall } from '../../errors.ts';
import { publicProcedure, router } from '../../trpc.ts';
import { signIn } from './sign-in.ts';
import { signUp } from './sign-up.ts';

export const authRouter = router({
  /** The signed-in user, their workspace and role; null when signed out or the session expired. */
  session: publicProcedure
    .meta({ tokens: false, summary: 'The signed-in person, their workspace and role; null when signed out.' })
    .output(sessionView.nullable())
    .query(async ({ ctx }) => {
      if (!ctx.session) return null;
      // The memberships the fast path read with the session, else read now.
      const picked = pickMembership(
        ctx.memberships ?? (await listMemberships(ctx.deps.db, ctx.session.user.id)),
        ctx.session.session.activeOrganizationId,
      );
      return picked.ok ? toSessionView(ctx.session.user, picked.membership) : null;
    }),
  signIn: publicProcedure
    .meta({
      tokens: false,
      summary:
        'Signs a person in with email and password (sets the session cookie); null when the person is in no workspace.',
      errors: [
        {
          code: 'FORBIDDEN',
          reason: 'workspace-suspended',
          when: 'Every workspace of the person is suspended.',
        },
        { code: 'UNAUTHORIZED', when: 'Wrong email or password.' },
        { code: 'TOO_MANY_REQUESTS', when: 'Too many attempts.' },
      ],
    })
    .input(signInInput)
    .output(sessionView.nullable())
    .mutation(({ ctx, input }) => signIn(ctx, input)),
  signUp: publicProcedure
    .meta({
      tokens: false,
      summary:
        'Open sign-up (CALLMINE_SIGNUP=open): creates an account and a workspace it owns, and signs the person in.',
      errors: [
        { code: 'FORBIDDEN', reason: 'signup-closed', when: 'Sign-up is by invitation (the default).' },
        {
          code: 'TOO_MANY_REQUESTS',
          reason: 'sign-up-rate-limited',
          when: 'Too many sign-ups from this address or email domain.',
        },
        {
          code: 'BAD_REQUEST',
          when: 'A field is invalid, or the workspace name is taken (data.fieldErrors).',
        },
      ],
    })
    .input(signUpInput)
    .output(sessionView)
    .mutation(({ ctx, input }) => signUp(ctx, input)),
  /** Ends the session server-side and clears the cookie; harmless when already signed out. */
  signOut: publicProcedure
    .meta({ tokens: false, summary: 'Ends the session and clears the cookie.' })
    .mutation(async ({ ctx }) => {
      if (!ctx.session) return { ok: true as const };
      const result = await authCall(() =>
        ctx.deps.auth.api.signOut({ headers: ctx.headers, returnHeaders: true }),
      );
      forwardCookies(result.headers, ctx.resHeaders);
      return { ok: true as const };
    }),
});
