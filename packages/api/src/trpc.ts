import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError, z } from 'zod';
import type { TokenVerdict } from './auth/api-token.ts';
import { listMemberships, pickMembership } from './auth/membership.ts';
import { isOperator } from './auth/operator.ts';
import type { Context } from './context.ts';
import { FieldErrorsCause, ReasonedCause } from './errors.ts';
import type { ProcedureMeta } from './meta.ts';
import type { Principal } from './procedure-context.ts';

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    // Never send stack traces; field errors let forms point at the right input.
    isDev: false,
    errorFormatter({ shape, error }) {
      const fieldErrors: Record<string, string[] | undefined> | undefined =
        error.cause instanceof ZodError
          ? z.flattenError(error.cause).fieldErrors
          : error.cause instanceof FieldErrorsCause
            ? error.cause.fieldErrors
            : undefined;
      const message =
        error.code === 'INTERNAL_SERVER_ERROR'
          ? 'Something went wrong on our side. Try again in a moment.'
          : error.cause instanceof ZodError
            ? 'Some fields need attention.'
            : shape.message;
      // A machine-readable reason (e.g. 'gong-invalid-credentials') for clients that branch on it.
      const reason = error.cause instanceof ReasonedCause ? error.cause.reason : undefined;
      return {
        message,
        code: shape.code,
        data: { code: shape.data.code, httpStatus: shape.data.httpStatus, fieldErrors, reason },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

function invalidToken() {
  // One answer for unknown, revoked and expired tokens: a guesser learns nothing.
  return new TRPCError({
    code: 'UNAUTHORIZED',
    message: 'This API token is not valid: it may have been revoked or have expired.',
    cause: new ReasonedCause('invalid-token'),
  });
}

function sessionRequired() {
  return new TRPCError({
    code: 'FORBIDDEN',
    message: 'API tokens cannot do this. Sign in to Callmine to do it.',
    cause: new ReasonedCause('session-required'),
  });
}

function readOnlyToken() {
  return new TRPCError({
    code: 'FORBIDDEN',
    message:
      'This API token is read-only: it can call queries, but not mutations (no runs, no changes). Use a member or admin token for that.',
    cause: new ReasonedCause('read-only-token'),
  });
}

function workspaceSuspended() {
  return new TRPCError({
    code: 'FORBIDDEN',
    message: 'This workspace is suspended by the operator of this Callmine. Its data is kept.',
    cause: new ReasonedCause('workspace-suspended'),
  });
}

function noWorkspace() {
  return new TRPCError({
    code: 'FORBIDDEN',
    message: 'You are in no workspace. Ask a workspace admin for an invitation.',
    cause: new ReasonedCause('no-workspace'),
  });
}

type ProcedureType = 'query' | 'mutation' | 'subscription';

/**
 * The token checks every procedure shares, in order: a dead token, a procedure only a person may call, and a
 * read-only token calling anything but a query. Generic on the procedure type, so a new mutation is covered
 * without anyone remembering to mark it.
 */
function checkToken(bearer: TokenVerdict, meta: ProcedureMeta | undefined, type: ProcedureType) {
  if (!bearer.ok) throw invalidToken();
  if (meta?.tokens === false) throw sessionRequired();
  if (bearer.principal.readOnly && type !== 'query') throw readOnlyToken();
  return bearer.principal;
}

/** Anyone; a request with a bad Bearer token is still refused, so a script learns early that its token is dead. */
export const publicProcedure = t.procedure.meta({ access: 'public' }).use(({ ctx, meta, type, next }) => {
  if (ctx.bearer) checkToken(ctx.bearer, meta, type);
  return next();
});

/**
 * A person signed in to a workspace, or an API token acting for its workspace with its role. The workspace
 * always comes from the session or the token, never from input. Procedures with `meta.tokens === false`
 * refuse tokens; a read-only token may call queries only.
 */
export const signedInProcedure = t.procedure
  .meta({ access: 'member' })
  .use(async ({ ctx, meta, type, next }) => {
    if (ctx.bearer) {
      const token = checkToken(ctx.bearer, meta, type);
      const limit = await ctx.deps.rateLimits.apiToken.consume(token.tokenId);
      if (!limit.ok) {
        ctx.resHeaders.set('retry-after', String(limit.retryAfterSeconds));
        throw new TRPCError({
          code: 'TOO_MANY_REQUESTS',
          message: `This token has made too many calls. Try again in ${limit.retryAfterSeconds} seconds.`,
          cause: new ReasonedCause('token-rate-limited'),
        });
      }
      // A suspended workspace's scripts stop with a reason they can branch on; its data stays.
      if (token.workspace.suspended) throw workspaceSuspended();
      const principal: Principal = { kind: 'token', tokenId: token.tokenId };
      return next({
        ctx: {
          principal,
          user: token.user,
          member: { id: null, role: token.role },
          workspace: { id: token.workspace.id, name: token.workspace.name },
        },
      });
    }
    const session = ctx.session;
    if (!session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' });
    const picked = pickMembership(
      ctx.memberships ?? (await listMemberships(ctx.deps.db, session.user.id)),
      session.session.activeOrganizationId,
    );
    if (!picked.ok) throw picked.reason === 'workspace-suspended' ? workspaceSuspended() : noWorkspace();
    const membership = picked.membership;
    const principal: Principal = { kind: 'session', userId: session.user.id };
    return next({
      ctx: {
        principal,
        user: session.user,
        member: { id: membership.memberId as string | null, role: membership.role },
        workspace: { id: membership.workspaceId, name: membership.workspaceName },
      },
    });
  });

/**
 * A signed-in person, whatever workspace they are in (or none): their own account, their memberships, switching.
 * Never an API token (a token belongs to one workspace and acts only there).
 */
export const accountProcedure = t.procedure
  .meta({ access: 'account', tokens: false })
  .use(({ ctx, meta, type, next }) => {
    if (ctx.bearer) checkToken(ctx.bearer, meta, type);
    const session = ctx.session;
    if (!session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' });
    return next({
      ctx: {
        user: session.user,
        sessionId: session.session.id,
        activeWorkspaceId: session.session.activeOrganizationId ?? null,
      },
    });
  });

/** The instance operator: runs this Callmine (workspaces, allowances), sees no workspace's contents. */
export const operatorProcedure = accountProcedure.meta({ access: 'operator' }).use(async ({ ctx, next }) => {
  if (!(await isOperator(ctx.deps.db, ctx.user.id))) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'Only the operator of this Callmine can do this.',
      cause: new ReasonedCause('operator-only'),
    });
  }
  return next();
});

const adminRoles: ReadonlySet<string> = new Set(['owner', 'admin']);

/** Owners and admins, or an admin token. */
export const adminProcedure = signedInProcedure.meta({ access: 'admin' }).use(({ ctx, next }) => {
  if (!adminRoles.has(ctx.member.role)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only workspace admins can do this.' });
  }
  return next();
});
