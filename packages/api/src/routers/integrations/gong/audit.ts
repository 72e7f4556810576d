import type { Db, Tables } from '@callmine/db';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface AuditEntry {
  workspaceId: string;
  actorId: string | null;
  action: Tables['gongAuditLog']['$inferInsert']['action'];
  method: 'basic' | 'oauth' | null;
  /** The last 4 characters of the key: the only key material an audit row may hold. */
  accessKeyHint: string | null;
  detail: string | null;
  at: Date;
}

export async function recordAudit(db: Db | Tx, entry: AuditEntry): Promise<void> {
  const t = db.tables;
  await db.insert(t.gongAuditLog).values({
    workspaceId: entry.workspaceId,
    actorId: entry.actorId,
    action: entry.action,
    method: entry.method,
    accessKeyHint: entry.accessKeyHint,
    detail: entry.detail,
    createdAt: entry.at,
  });
}
