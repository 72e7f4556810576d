import {
  acceptInvitationInput,
  invitationLookupInput,
  invitationPreview,
  sessionView,
} from '@callmine/contracts';
import { publicProcedure, router } from '../../trpc.ts';
import { acceptInvitation } from './accept.ts';
import { findPendingInvitation } from './find-pending.ts';

/** Public: the invite link works before the invited person has an account. */
export const invitationsRouter = router({
  preview: publicProcedure
    .meta({
      summary: 'What an invitation link invites to (workspace, role, email).',
      errors: [
        { code: 'NOT_FOUND', when: 'The invitation does not exist, was revoked, used or has expired.' },
      ],
    })
    .input(invitationLookupInput)
    .output(invitationPreview)
    .query(async ({ ctx, input }) => {
      const { id: _id, ...preview } = await findPendingInvitation(
        ctx.deps.db,
        input.invitationId,
        ctx.deps.now(),
      );
      return preview;
    }),
  accept: publicProcedure
    .meta({
      tokens: false,
      summary: 'Accepts an invitation, creating the account when needed, and signs the person in.',
      errors: [
        { code: 'NOT_FOUND', when: 'The invitation does not exist, was revoked, used or has expired.' },
      ],
    })
    .input(acceptInvitationInput)
    .output(sessionView)
    .mutation(({ ctx, input }) => acceptInvitation(ctx, input)),
});
