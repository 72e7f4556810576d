import { createOwnerInput, sessionView, setupStatus } from '@callmine/contracts';
import { publicProcedure, router } from '../../trpc.ts';
import { createOwner, hasOwner } from './create-owner.ts';

export const setupRouter = router({
  /** Whether this install still needs its owner account (a fresh database). */
  status: publicProcedure.output(setupStatus).query(({ ctx }) => ({ needsOwner: !hasOwner(ctx) })),
  /** Creates the owner and the workspace, signs the owner in, and closes sign-up for good. */
  createOwner: publicProcedure
    .input(createOwnerInput)
    .output(sessionView)
    .mutation(({ ctx, input }) => createOwner(ctx, input)),
});
