import {
  acceptInvitationInput,
  invitationLookupInput,
  invitationPreview,
  joinInvitationInput,
  sessionView,
} from '@callmine/contracts';
import { eq } from 'drizzle-orm';
import { publicProcedure, router } from '../../trpc.ts';
import { acceptInvitation } from './accept.ts';
import { findPendingInvitation } from './find-pending.ts';
import { joinInvitation } from './join.ts';

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
      const {
        id: _id,
        workspaceId: _ws,
        ...preview
      } = await findPendingInvitation(ctx.deps.db, input.invitationId, ctx.deps.now());
      // Only the link's holder learns this, about the one email the invitation already names.
      const [account] = await ctx.deps.db
        .select({ id: ctx.deps.db.tables.user.id })
        .from(ctx.deps.db.tables.user)
        .where(eq(ctx.deps.db.tables.user.email, preview.email))
        .limit(1);
      return { ...preview, accountExists: account !== undefined };
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
  join: publicProcedure
    .meta({
      tokens: false,
      summary:
        'Accepts an invitation with an existing account (its password): adds a membership, makes it the active workspace.',
      errors: [
        { code: 'NOT_FOUND', when: 'The invitation does not exist, was revoked, used or has expired.' },
        { code: 'UNAUTHORIZED', when: 'The password does not match the invited account.' },
      ],
    })
    .input(joinInvitationInput)
    .output(sessionView)
    .mutation(({ ctx, input }) => joinInvitation(ctx, input)),
});
