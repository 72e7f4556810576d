import type { CreateOwnerInput, SessionView } from '@callmine/contracts';
import { TRPCError } from '@trpc/server';
import { forwardCookies } from '../../auth/cookies.ts';
import type { Context } from '../../context.ts';
import { authCall } from '../../errors.ts';

// One setup at a time per database: two racing first visitors must not both become owners.
const inFlight = new WeakMap<object, Promise<unknown>>();

export async function hasOwner(ctx: Pick<Context, 'deps'>): Promise<boolean> {
  const t = ctx.deps.db.tables;
  return (await ctx.deps.db.select({ id: t.user.id }).from(t.user).limit(1))[0] !== undefined;
}

export async function createOwner(ctx: Context, input: CreateOwnerInput): Promise<SessionView> {
  const key = ctx.deps.db;
  const previous = inFlight.get(key) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => createOwnerNow(ctx, input));
  inFlight.set(key, run);
  return run;
}

async function createOwnerNow(ctx: Context, input: CreateOwnerInput): Promise<SessionView> {
  if (await hasOwner(ctx)) {
    throw new TRPCError({ code: 'CONFLICT', message: 'Callmine already has an owner. Sign in instead.' });
  }
  const { auth } = ctx.deps;
  const signUp = await authCall(() =>
    auth.api.signUpEmail({
      body: { name: input.name, email: input.email, password: input.password },
      returnHeaders: true,
    }),
  );
  const user = signUp.response.user;
  // A system action (userId, no session headers): the only way a workspace is ever created.
  const workspace = await authCall(() =>
    auth.api.createOrganization({
      body: { name: input.workspaceName, slug: `ws-${user.id.toLowerCase()}`, userId: user.id },
    }),
  );
  if (!workspace)
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Could not create the workspace.' });
  forwardCookies(signUp.headers, ctx.resHeaders);
  ctx.deps.logger.info({ userId: user.id, workspaceId: workspace.id }, 'owner account and workspace created');
  return {
    user: { id: user.id, name: user.name, email: user.email },
    workspace: { id: workspace.id, name: workspace.name },
    role: 'owner',
  };
}
