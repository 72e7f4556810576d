import type { SessionView, SignUpInput } from '@callmine/contracts';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { forwardCookies } from '../../auth/cookies.ts';
import { toSessionView } from '../../auth/membership.ts';
import { passwordSignIn } from '../../auth/password-sign-in.ts';
import type { Context } from '../../context.ts';
import { authCall, ReasonedCause } from '../../errors.ts';
import { workspaceNameTaken } from '../operator/create-workspace.ts';
import { fieldError } from '../operator/field-error.ts';

function tooMany(retryAfterSeconds: number, ctx: Context) {
  ctx.resHeaders.set('retry-after', String(retryAfterSeconds));
  return new TRPCError({
    code: 'TOO_MANY_REQUESTS',
    message: `Too many sign-ups from here. Try again in ${Math.ceil(retryAfterSeconds / 60)} min.`,
    cause: new ReasonedCause('sign-up-rate-limited'),
  });
}

/**
 * Open sign-up (CALLMINE_SIGNUP=open): a person and a workspace of their own, which they own. Limited per IP and
 * per email domain. An email that already has an account is never told so: with its password the account gets the
 * new workspace (one person, one account); without it the answer is the sign-in's, which every wrong email and
 * password pair gets.
 */
export async function signUp(ctx: Context, input: SignUpInput): Promise<SessionView> {
  const { auth, db, rateLimits } = ctx.deps;
  const t = db.tables;
  if (ctx.deps.signup !== 'open') {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'Sign-up is by invitation on this Callmine. Ask its operator or a workspace admin for a link.',
      cause: new ReasonedCause('signup-closed'),
    });
  }
  const byIp = await rateLimits.signUpPerIp.consume(ctx.clientIp ?? 'unknown');
  if (!byIp.ok) throw tooMany(byIp.retryAfterSeconds, ctx);
  const byDomain = await rateLimits.signUpPerDomain.consume(input.email.split('@')[1] ?? '');
  if (!byDomain.ok) throw tooMany(byDomain.retryAfterSeconds, ctx);
  if (await workspaceNameTaken(db, input.workspaceName)) {
    throw fieldError('workspaceName', 'A workspace with this name already exists. Choose another name.');
  }

  const [existing] = await db
    .select({ id: t.user.id })
    .from(t.user)
    .where(eq(t.user.email, input.email))
    .limit(1);
  const account = existing
    ? await passwordSignIn(ctx, input.email, input.password)
    : await authCall(() =>
        auth.api.signUpEmail({
          body: { name: input.name, email: input.email, password: input.password },
          returnHeaders: true,
        }),
      ).then((r) => ({
        user: { id: r.response.user.id, name: r.response.user.name, email: r.response.user.email },
        sessionToken: r.response.token ?? '',
        headers: r.headers,
      }));
  const workspace = await authCall(() =>
    auth.api.createOrganization({
      body: { name: input.workspaceName, slug: `ws-${crypto.randomUUID()}`, userId: account.user.id },
    }),
  );
  if (!workspace)
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Could not create the workspace.' });
  await db
    .update(t.session)
    .set({ activeOrganizationId: workspace.id })
    .where(eq(t.session.token, account.sessionToken));
  forwardCookies(account.headers, ctx.resHeaders);
  ctx.deps.logger.info(
    { userId: account.user.id, workspaceId: workspace.id },
    'signed up with a new workspace',
  );
  return toSessionView(account.user, {
    memberId: '',
    role: 'owner',
    workspaceId: workspace.id,
    workspaceName: workspace.name,
    suspended: false,
  });
}
