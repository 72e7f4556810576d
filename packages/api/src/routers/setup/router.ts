import { createOwnerInput, sessionView, setupStatus } from '@callmine/contracts';
import { publicProcedure, router } from '../../trpc.ts';
import { createOwner, hasOwner } from './create-owner.ts';

export const setupRouter = router({
  /** Whether this install still needs its owner account (a fresh database). */
  status: publicProcedure
    .meta({ summary: 'Whether this install still needs its owner account.' })
    .output(setupStatus)
    .query(async ({ ctx }) => ({ needsOwner: !(await hasOwner(ctx)) })),
  /** Creates the owner and the workspace, signs the owner in, and closes sign-up for good. */
  createOwner: publicProcedure
    .meta({
      tokens: false,
      summary: 'Creates the owner account and the workspace on a fresh install, and signs the owner in.',
      errors: [{ code: 'CONFLICT', when: 'The install already has its owner.' }],
    })
    .input(createOwnerInput)
    .output(sessionView)
    .mutation(({ ctx, input }) => createOwner(ctx, input)),
});
