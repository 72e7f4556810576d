import type { WorkspaceRole } from '@callmine/contracts';
import { TRPCError } from '@trpc/server';
import type { AdminContext } from '../../procedure-context.ts';
import { countOwners, findMember } from './queries.ts';

/**
 * Rules for changing or removing a member, checked before better-auth is asked:
 * only owners touch ownership, and the last owner can be neither demoted nor removed.
 * `nextRole` undefined means removal.
 */
export async function guardOwnerChange(
  ctx: AdminContext,
  memberId: string,
  nextRole: WorkspaceRole | undefined,
) {
  const target = await findMember(ctx.deps.db, ctx.workspace.id, memberId);
  if (!target)
    throw new TRPCError({ code: 'NOT_FOUND', message: 'That member is no longer in this workspace.' });
  const touchesOwnership = target.role === 'owner' || nextRole === 'owner';
  if (touchesOwnership && ctx.member.role !== 'owner') {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only an owner can change who owns the workspace.' });
  }
  const losesOwner = target.role === 'owner' && nextRole !== 'owner';
  if (losesOwner && (await countOwners(ctx.deps.db, ctx.workspace.id)) <= 1) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'A workspace needs at least one owner. Make someone else an owner first.',
    });
  }
  return target;
}
