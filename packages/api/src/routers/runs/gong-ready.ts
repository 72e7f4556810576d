import { gongNeedsAttentionMessage } from '@callmine/contracts';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { ReasonedCause } from '../../errors.ts';
import type { SignedInContext } from '../../procedure-context.ts';

/** A run needs a working Gong connection; refuse early with the next step rather than queue a run bound to fail. */
export async function assertGongReady(ctx: SignedInContext): Promise<void> {
  const t = ctx.deps.db.tables;
  const [credential] = await ctx.deps.db
    .select({ status: t.gongCredential.status, method: t.gongCredential.method })
    .from(t.gongCredential)
    .where(eq(t.gongCredential.workspaceId, ctx.workspace.id))
    .limit(1);
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
