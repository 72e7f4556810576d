import { TRPCError } from '@trpc/server';
import { APIError } from 'better-auth/api';
import type { Context } from '../context.ts';
import { toTRPCError } from '../errors.ts';

const wrongCredentials = 'That email and password don’t match an account.';

export interface SignedIn {
  user: { id: string; name: string; email: string };
  /** The new session's token (better-auth's `session.token`): identifies the row to make a workspace active in. */
  sessionToken: string;
  /** Set-Cookie headers of the new session; forward them only once the caller decides the person is in. */
  headers: Headers;
}

/**
 * Email + password, rate-limited per email, one answer for an unknown email and a wrong password (no account
 * enumeration). Used by sign-in and by joining a workspace with an existing account.
 */
export async function passwordSignIn(ctx: Context, email: string, password: string): Promise<SignedIn> {
  const { auth, rateLimits } = ctx.deps;
  const waitSeconds = await rateLimits.signInFailures.blockedFor(email);
  if (waitSeconds > 0) {
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: `Too many failed sign-ins for this email. Try again in ${Math.ceil(waitSeconds / 60)} min.`,
    });
  }
  const result = await auth.api
    .signInEmail({ body: { email, password, rememberMe: true }, headers: ctx.headers, returnHeaders: true })
    .catch(async (error: unknown) => {
      if (error instanceof APIError && (error.statusCode === 401 || error.statusCode === 400)) {
        await rateLimits.signInFailures.record(email);
        throw new TRPCError({ code: 'UNAUTHORIZED', message: wrongCredentials });
      }
      throw toTRPCError(error);
    });
  await rateLimits.signInFailures.clear(email);
  const { user, token } = result.response;
  return {
    user: { id: user.id, name: user.name, email: user.email },
    sessionToken: token,
    headers: result.headers,
  };
}
