import type { MemberView } from '@callmine/contracts';
import { authCall } from '../../errors.ts';
import type { AdminContext } from '../../procedure-context.ts';
import { guardOwnerChange } from './owner-rules.ts';
import { listMembers } from './queries.ts';

export async function removeMember(ctx: AdminContext, memberId: string): Promise<MemberView[]> {
  const target = await guardOwnerChange(ctx, memberId, undefined);
  await authCall(() =>
    ctx.deps.auth.api.removeMember({
      headers: ctx.headers,
      body: { memberIdOrEmail: target.id, organizationId: ctx.workspace.id },
    }),
  );
  ctx.deps.logger.info({ memberId: target.id, by: ctx.user.id }, 'member removed');
  return listMembers(ctx.deps.db, ctx.workspace.id);
}
