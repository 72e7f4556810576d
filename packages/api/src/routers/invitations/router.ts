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
    .input(invitationLookupInput)
    .output(invitationPreview)
    .query(({ ctx, input }) => {
      const { id: _id, ...preview } = findPendingInvitation(ctx.deps.db, input.invitationId, ctx.deps.now());
      return preview;
    }),
  accept: publicProcedure
    .input(acceptInvitationInput)
    .output(sessionView)
    .mutation(({ ctx, input }) => acceptInvitation(ctx, input)),
});
