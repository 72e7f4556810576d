import { type Db, schema } from '@callmine/db';
import { eq } from 'drizzle-orm';

/** The zone a new schedule starts with; UTC until an admin picks one in Settings → Workspace. */
export function workspaceTimeZone(db: Db, workspaceId: string): string {
  return (
    db
      .select({ timeZone: schema.workspaceScheduleSettings.timeZone })
      .from(schema.workspaceScheduleSettings)
      .where(eq(schema.workspaceScheduleSettings.workspaceId, workspaceId))
      .get()?.timeZone ?? 'UTC'
  );
}

export function setWorkspaceTimeZone(db: Db, workspaceId: string, timeZone: string, at: Date) {
  db.insert(schema.workspaceScheduleSettings)
    .values({ workspaceId, timeZone, updatedAt: at })
    .onConflictDoUpdate({
      target: schema.workspaceScheduleSettings.workspaceId,
      set: { timeZone, updatedAt: at },
    })
    .run();
}
