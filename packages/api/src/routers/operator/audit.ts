import type { OperatorAuditView } from '@callmine/contracts';
import { type Db, schema } from '@callmine/db';
import { desc } from 'drizzle-orm';

export type OperatorAction = (typeof schema.operatorAuditEvent.$inferInsert)['action'];

export interface OperatorActor {
  id: string;
  name: string;
}

/** One operator action on the record; names as they are now, so the row reads the same after a deletion. */
export function operatorAuditRow(
  actor: OperatorActor,
  action: OperatorAction,
  workspace: { id: string; name: string },
  at: Date,
  detail: string | null = null,
): typeof schema.operatorAuditEvent.$inferInsert {
  return {
    actorId: actor.id,
    actorName: actor.name,
    action,
    workspaceId: workspace.id,
    workspaceName: workspace.name,
    detail,
    createdAt: at,
  };
}

export async function recordOperatorAction(db: Db, row: typeof schema.operatorAuditEvent.$inferInsert) {
  await db.insert(schema.operatorAuditEvent).values(row);
}

/** The newest operator actions first. */
export async function operatorAuditLog(db: Db, limit = 200): Promise<OperatorAuditView[]> {
  const rows = await db
    .select({
      id: schema.operatorAuditEvent.id,
      createdAt: schema.operatorAuditEvent.createdAt,
      actorName: schema.operatorAuditEvent.actorName,
      action: schema.operatorAuditEvent.action,
      workspaceId: schema.operatorAuditEvent.workspaceId,
      workspaceName: schema.operatorAuditEvent.workspaceName,
      detail: schema.operatorAuditEvent.detail,
    })
    .from(schema.operatorAuditEvent)
    .orderBy(desc(schema.operatorAuditEvent.createdAt), desc(schema.operatorAuditEvent.id))
    .limit(limit);
  return rows.map(({ createdAt, ...row }) => ({ ...row, at: createdAt.toISOString() }));
}
