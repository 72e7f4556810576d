import {
  changeRoleInput,
  invitationView,
  inviteMemberInput,
  memberView,
  removeMemberInput,
  revokeInvitationInput,
} from '@callmine/contracts';
import { z } from 'zod';
import { authCall } from '../../errors.ts';
import { adminProcedure, router, signedInProcedure } from '../../trpc.ts';
import { changeRole } from './change-role.ts';
import { inviteMember } from './invite.ts';
import { listMembers, listPendingInvitations } from './queries.ts';
import { removeMember } from './remove.ts';

export const membersRouter = router({
  /** Everyone in the workspace can see who else is in it. */
  list: signedInProcedure
    .output(z.array(memberView))
    .query(({ ctx }) => listMembers(ctx.deps.db, ctx.workspace.id)),
  invitations: adminProcedure
    .output(z.array(invitationView))
    .query(({ ctx }) =>
      listPendingInvitations(ctx.deps.db, ctx.workspace.id, ctx.deps.publicUrl, ctx.deps.now()),
    ),
  invite: adminProcedure
    .input(inviteMemberInput)
    .output(invitationView)
    .mutation(({ ctx, input }) => inviteMember(ctx, input)),
  revokeInvitation: adminProcedure.input(revokeInvitationInput).mutation(async ({ ctx, input }) => {
    await authCall(() =>
      ctx.deps.auth.api.cancelInvitation({
        headers: ctx.headers,
        body: { invitationId: input.invitationId },
      }),
    );
    return { ok: true as const };
  }),
  changeRole: adminProcedure
    .input(changeRoleInput)
    .output(z.array(memberView))
    .mutation(({ ctx, input }) => changeRole(ctx, input)),
  remove: adminProcedure
    .input(removeMemberInput)
    .output(z.array(memberView))
    .mutation(({ ctx, input }) => removeMember(ctx, input.memberId)),
});
