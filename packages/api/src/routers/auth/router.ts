import { sessionView, signInInput } from '@callmine/contracts';
import { forwardCookies } from '../../auth/cookies.ts';
import { findMembership, toSessionView } from '../../auth/membership.ts';
import { authCall } from '../../errors.ts';
import { publicProcedure, router } from '../../trpc.ts';
import { signIn } from './sign-in.ts';

export const authRouter = router({
  /** The signed-in user, their workspace and role; null when signed out or the session expired. */
  session: publicProcedure
    .meta({ tokens: false, summary: 'The signed-in person, their workspace and role; null when signed out.' })
    .output(sessionView.nullable())
    .query(async ({ ctx }) => {
      if (!ctx.session) return null;
      const membership = await findMembership(
        ctx.deps.db,
        ctx.session.user.id,
        ctx.session.session.activeOrganizationId,
      );
      return membership ? toSessionView(ctx.session.user, membership) : null;
    }),
  signIn: publicProcedure
    .meta({
      tokens: false,
      summary: 'Signs a person in with email and password (sets the session cookie).',
      errors: [
        { code: 'UNAUTHORIZED', when: 'Wrong email or password.' },
        { code: 'TOO_MANY_REQUESTS', when: 'Too many attempts.' },
      ],
    })
    .input(signInInput)
    .output(sessionView)
    .mutation(({ ctx, input }) => signIn(ctx, input)),
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
