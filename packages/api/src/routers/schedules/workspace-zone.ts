import type { Db } from '@callmine/db';
import { eq } from 'drizzle-orm';

/** The zone a new schedule starts with; UTC until an admin picks one in Settings → Workspace. */
export async function workspaceTimeZone(db: Db, workspaceId: string): Promise<string> {
  const t = db.tables;
  return (
    (
      await db
        .select({ timeZone: t.workspaceScheduleSettings.timeZone })
        .from(t.workspaceScheduleSettings)
        .where(eq(t.workspaceScheduleSettings.workspaceId, workspaceId))
        .limit(1)
    )[0]?.timeZone ?? 'UTC'
  );
}

export async function setWorkspaceTimeZone(db: Db, workspaceId: string, timeZone: string, at: Date) {
  const t = db.tables;
  await db
    .insert(t.workspaceScheduleSettings)
    .values({ workspaceId, timeZone, updatedAt: at })
    .onConflictDoUpdate({
      target: t.workspaceScheduleSettings.workspaceId,
      set: { timeZone, updatedAt: at },
    });
}
