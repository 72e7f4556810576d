import type { Db } from '@callmine/db';
import { eq } from 'drizzle-orm';

/** How long a suspended workspace's job waits before it looks again: resuming needs no worker restart. */
export const SUSPENDED_RECHECK_MS = 60_000;

/** Whether the operator suspended the workspace: its runs wait (no attempt spent), its schedules don't fire. */
export async function isSuspended(db: Db, workspaceId: string): Promise<boolean> {
  const t = db.tables;
  const [row] = await db
    .select({ id: t.workspaceSuspension.workspaceId })
    .from(t.workspaceSuspension)
    .where(eq(t.workspaceSuspension.workspaceId, workspaceId))
    .limit(1);
  return row !== undefined;
}
