import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError, z } from 'zod';
import { findMembership } from './auth/membership.ts';
import type { Context } from './context.ts';
import { ReasonedCause } from './errors.ts';

const t = initTRPC.context<Context>().create({
  // Never send stack traces; field errors let forms point at the right input.
  isDev: false,
  errorFormatter({ shape, error }) {
    const fieldErrors: Record<string, string[] | undefined> | undefined =
      error.cause instanceof ZodError ? z.flattenError(error.cause).fieldErrors : undefined;
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

export const publicProcedure = t.procedure;

/** Signed in and a member of a workspace. The workspace always comes from the session, never from input. */
export const signedInProcedure = t.procedure.use(async ({ ctx, next }) => {
  const session = ctx.session;
  if (!session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' });
  const membership = findMembership(ctx.deps.db, session.user.id, session.session.activeOrganizationId);
  if (!membership) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'You are not a member of this workspace any more.' });
  }
  return next({
    ctx: {
      session,
      user: session.user,
      member: { id: membership.memberId, role: membership.role },
      workspace: { id: membership.workspaceId, name: membership.workspaceName },
    },
  });
});

const adminRoles: ReadonlySet<string> = new Set(['owner', 'admin']);

/** Owners and admins. */
export const adminProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (!adminRoles.has(ctx.member.role)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only workspace admins can do this.' });
  }
  return next();
});
