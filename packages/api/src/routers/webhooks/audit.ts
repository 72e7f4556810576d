import type { Db } from '@callmine/db';
import type { AdminContext } from '../../procedure-context.ts';

/** An audit row for a change to a webhook endpoint, written in the change's transaction. Never the secret. */
export async function auditWebhook(
  tx: Db,
  ctx: AdminContext,
  input: { action: string; endpointId: string; detail: string | null; at: Date },
): Promise<void> {
  await tx.insert(tx.tables.auditEvent).values({
    workspaceId: ctx.workspace.id,
    actorId: ctx.user.id,
    actorName: ctx.user.name,
    via: ctx.principal.kind,
    action: input.action,
    subjectId: input.endpointId,
    detail: input.detail,
    createdAt: input.at,
  });
}
