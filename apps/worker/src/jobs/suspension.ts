import type { Db } from '@callmine/db';
import { eq } from 'drizzle-orm';

/** How long a suspended workspace's job waits before it looks again: resuming needs no worker restart. */
export const SUSPENDED_RECHECK_MS = 60_000;

/** The error of a started run stopped because its workspace was suspended (status canceled). */
export const SUSPENDED_RUN_MESSAGE =
  'Stopped: the instance operator suspended this workspace. Start the run again once it is resumed; calls already counted this month are not counted again.';

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
