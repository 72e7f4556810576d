import type { ChangeRoleInput, MemberView } from '@callmine/contracts';
import { TRPCError } from '@trpc/server';
import { authCall } from '../../errors.ts';
import type { AdminContext } from '../../procedure-context.ts';
import { guardOwnerChange } from './owner-rules.ts';
import { listMembers } from './queries.ts';

export async function changeRole(ctx: AdminContext, input: ChangeRoleInput): Promise<MemberView[]> {
  const target = await guardOwnerChange(ctx, input.memberId, input.role);
  if (target.role === input.role) return listMembers(ctx.deps.db, ctx.workspace.id);
  await authCall(() =>
    ctx.deps.auth.api.updateMemberRole({
      headers: ctx.headers,
      body: { memberId: target.id, role: input.role, organizationId: ctx.workspace.id },
    }),
  );
  ctx.deps.logger.info({ memberId: target.id, role: input.role, by: ctx.user.id }, 'member role changed');
  const members = await listMembers(ctx.deps.db, ctx.workspace.id);
  if (!members.some((m) => m.id === target.id && m.role === input.role)) {
    throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'The role change did not apply.' });
  }
  return members;
}
