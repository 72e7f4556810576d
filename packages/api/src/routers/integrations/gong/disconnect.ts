import type { GongConnectionView } from '@callmine/contracts';
import { schema } from '@callmine/db';
import { eq } from 'drizzle-orm';
import type { AdminContext } from '../../../procedure-context.ts';
import { recordAudit } from './audit.ts';

/** Removes the credential row; reports, schedules and quota never reference it, so they stay. */
export function disconnect(ctx: AdminContext): GongConnectionView {
  const { db, now } = ctx.deps;
  const workspaceId = ctx.workspace.id;
  db.transaction((tx) => {
    const removed = tx
      .delete(schema.gongCredential)
      .where(eq(schema.gongCredential.workspaceId, workspaceId))
      .returning({ method: schema.gongCredential.method, hint: schema.gongCredential.accessKeyHint })
      .all();
    const gone = removed[0];
    if (!gone) return;
    recordAudit(tx, {
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
