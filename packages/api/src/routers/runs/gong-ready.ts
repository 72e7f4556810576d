import { gongNeedsAttentionMessage } from '@callmine/contracts';
import { schema } from '@callmine/db';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { ReasonedCause } from '../../errors.ts';
import type { SignedInContext } from '../../procedure-context.ts';

/** A run needs a working Gong connection; refuse early with the next step rather than queue a run bound to fail. */
export function assertGongReady(ctx: SignedInContext): void {
  const credential = ctx.deps.db
    .select({ status: schema.gongCredential.status, method: schema.gongCredential.method })
    .from(schema.gongCredential)
    .where(eq(schema.gongCredential.workspaceId, ctx.workspace.id))
    .get();
  if (!credential) {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'Connect Gong in Settings → Integrations before starting a run.',
      cause: new ReasonedCause('gong-not-connected'),
    });
  }
  if (credential.status !== 'active') {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: gongNeedsAttentionMessage(credential.method),
      cause: new ReasonedCause('gong-needs-attention'),
    });
  }
}
