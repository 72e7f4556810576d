import type { SessionView, SignInInput } from '@callmine/contracts';
import { TRPCError } from '@trpc/server';
import { APIError } from 'better-auth/api';
import { forwardCookies } from '../../auth/cookies.ts';
import { findMembership, toSessionView } from '../../auth/membership.ts';
import type { Context } from '../../context.ts';
import { toTRPCError } from '../../errors.ts';

const wrongCredentials = 'That email and password don’t match an account.';

export async function signIn(ctx: Context, input: SignInInput): Promise<SessionView> {
  const { auth, db, rateLimits } = ctx.deps;
  const waitSeconds = await rateLimits.signInFailures.blockedFor(input.email);
  if (waitSeconds > 0) {
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: `Too many failed sign-ins for this email. Try again in ${Math.ceil(waitSeconds / 60)} min.`,
    });
  }
  const result = await auth.api
    .signInEmail({
      body: { email: input.email, password: input.password, rememberMe: true },
      headers: ctx.headers,
      returnHeaders: true,
    })
    .catch((error: unknown) => {
      // One message for unknown email and wrong password: no account enumeration.
      if (error instanceof APIError && (error.statusCode === 401 || error.statusCode === 400)) {
        return rateLimits.signInFailures.record(input.email).then(() => {
          throw new TRPCError({ code: 'UNAUTHORIZED', message: wrongCredentials });
        });
      }
      throw toTRPCError(error);
    });
  await rateLimits.signInFailures.clear(input.email);
  const user = result.response.user;
  const membership = await findMembership(db, user.id);
  if (!membership) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Your account is not a member of any workspace.' });
  }
  forwardCookies(result.headers, ctx.resHeaders);
  return toSessionView(user, membership);
}
