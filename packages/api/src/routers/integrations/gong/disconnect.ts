import type { GongConnectionView } from '@callmine/contracts';
import { eq } from 'drizzle-orm';
import type { AdminContext } from '../../../procedure-context.ts';
import { recordAudit } from './audit.ts';

/** Removes the credential row; reports, schedules and quota never reference it, so they stay. */
export async function disconnect(ctx: AdminContext): Promise<GongConnectionView> {
  const { db, now } = ctx.deps;
  const t = db.tables;
  const workspaceId = ctx.workspace.id;
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(t.gongCredential)
      .where(eq(t.gongCredential.workspaceId, workspaceId))
      .returning({ method: t.gongCredential.method, hint: t.gongCredential.accessKeyHint });
    const gone = removed[0];
    if (!gone) return;
    await recordAudit(tx, {
      workspaceId,
      actorId: ctx.user.id,
      action: 'disconnected',
      method: gone.method,
      accessKeyHint: gone.hint,
      detail: null,
      at: now(),
    });
  });
  ctx.deps.logger.info({ workspaceId, by: ctx.user.id }, 'gong disconnected');
  return { status: 'disconnected' };
}
