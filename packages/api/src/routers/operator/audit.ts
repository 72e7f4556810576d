import type { OperatorAuditView } from '@callmine/contracts';
import type { Db, Tables } from '@callmine/db';
import { desc } from 'drizzle-orm';

export type OperatorAction = Tables['operatorAuditEvent']['$inferInsert']['action'];

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
): Tables['operatorAuditEvent']['$inferInsert'] {
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

export async function recordOperatorAction(db: Db, row: Tables['operatorAuditEvent']['$inferInsert']) {
  const t = db.tables;
  await db.insert(t.operatorAuditEvent).values(row);
}

/** The newest operator actions first. */
export async function operatorAuditLog(db: Db, limit = 200): Promise<OperatorAuditView[]> {
  const t = db.tables;
  const rows = await db
    .select({
      id: t.operatorAuditEvent.id,
      createdAt: t.operatorAuditEvent.createdAt,
      actorName: t.operatorAuditEvent.actorName,
      action: t.operatorAuditEvent.action,
      workspaceId: t.operatorAuditEvent.workspaceId,
      workspaceName: t.operatorAuditEvent.workspaceName,
      detail: t.operatorAuditEvent.detail,
    })
    .from(t.operatorAuditEvent)
    .orderBy(desc(t.operatorAuditEvent.createdAt), desc(t.operatorAuditEvent.id))
    .limit(limit);
  return rows.map(({ createdAt, ...row }) => ({ ...row, at: createdAt.toISOString() }));
}
