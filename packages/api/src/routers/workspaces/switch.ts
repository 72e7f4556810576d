import type { AccountView, SessionView } from '@callmine/contracts';
import { TRPCError } from '@trpc/server';
import { listMemberships, pickMembership, setActiveWorkspace, toSessionView } from '../../auth/membership.ts';
import { isOperator } from '../../auth/operator.ts';
import type { Context } from '../../context.ts';
import { ReasonedCause } from '../../errors.ts';

export interface AccountContext extends Context {
  user: { id: string; name: string; email: string };
  sessionId: string;
  activeWorkspaceId: string | null;
}

export async function myWorkspaces(ctx: AccountContext): Promise<AccountView> {
  const memberships = await listMemberships(ctx.deps.db, ctx.user.id);
  const picked = pickMembership(memberships, ctx.activeWorkspaceId);
  return {
    user: { id: ctx.user.id, name: ctx.user.name, email: ctx.user.email },
    operator: await isOperator(ctx.deps.db, ctx.user.id),
    activeWorkspaceId: picked.ok ? picked.membership.workspaceId : null,
    workspaces: memberships.map((m) => ({
      id: m.workspaceId,
      name: m.workspaceName,
      role: m.role,
      suspended: m.suspended,
    })),
  };
}

/** Another workspace's id answers exactly like an id that doesn't exist: nothing learnt about it. */
export async function switchWorkspace(ctx: AccountContext, workspaceId: string): Promise<SessionView> {
  const membership = (await listMemberships(ctx.deps.db, ctx.user.id)).find(
    (m) => m.workspaceId === workspaceId,
  );
  if (!membership) {
    throw new TRPCError({ code: 'NOT_FOUND', message: 'You are not a member of that workspace.' });
  }
  if (membership.suspended) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'This workspace is suspended by the operator of this Callmine. Its data is kept.',
      cause: new ReasonedCause('workspace-suspended'),
    });
  }
  await setActiveWorkspace(ctx.deps.db, ctx.sessionId, workspaceId);
  ctx.deps.logger.info({ userId: ctx.user.id, workspaceId }, 'active workspace switched');
  return toSessionView(ctx.user, membership);
}
