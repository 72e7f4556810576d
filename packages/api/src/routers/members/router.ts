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
    .meta({ summary: 'Everyone in the workspace with their role.' })
    .output(z.array(memberView))
    .query(async ({ ctx }) => listMembers(ctx.deps.db, ctx.workspace.id)),
  invitations: adminProcedure
    .meta({ tokens: false, summary: 'Pending invitations with their links.' })
    .output(z.array(invitationView))
    .query(async ({ ctx }) =>
      listPendingInvitations(ctx.deps.db, ctx.workspace.id, ctx.deps.publicUrl, ctx.deps.now()),
    ),
  invite: adminProcedure
    .meta({
      tokens: false,
      summary: 'Invites a person by email with a role; returns the link to send them.',
      errors: [{ code: 'BAD_REQUEST', when: 'Already a member or already invited.' }],
    })
    .input(inviteMemberInput)
    .output(invitationView)
    .mutation(({ ctx, input }) => inviteMember(ctx, input)),
  revokeInvitation: adminProcedure
    .meta({ tokens: false, summary: 'Cancels a pending invitation.' })
    .input(revokeInvitationInput)
    .mutation(async ({ ctx, input }) => {
      await authCall(() =>
        ctx.deps.auth.api.cancelInvitation({
          headers: ctx.headers,
          body: { invitationId: input.invitationId },
        }),
      );
      return { ok: true as const };
    }),
  changeRole: adminProcedure
    .meta({
      tokens: false,
      summary: "Changes a member's role.",
      errors: [
        { code: 'NOT_FOUND', when: 'The member is no longer in the workspace.' },
        { code: 'FORBIDDEN', when: 'Only an owner can give or take ownership.' },
        { code: 'BAD_REQUEST', when: 'The change would leave the workspace without an owner.' },
      ],
    })
    .input(changeRoleInput)
    .output(z.array(memberView))
    .mutation(({ ctx, input }) => changeRole(ctx, input)),
  remove: adminProcedure
    .meta({
      tokens: false,
      summary: 'Removes a member from the workspace.',
      errors: [
        { code: 'NOT_FOUND', when: 'The member is no longer in the workspace.' },
        { code: 'FORBIDDEN', when: 'Only an owner can remove an owner.' },
        { code: 'BAD_REQUEST', when: 'The change would leave the workspace without an owner.' },
      ],
    })
    .input(removeMemberInput)
    .output(z.array(memberView))
    .mutation(({ ctx, input }) => removeMember(ctx, input.memberId)),
});
