import { type Db, schema } from '@callmine/db';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface AuditEntry {
  workspaceId: string;
  actorId: string | null;
  action: (typeof schema.gongAuditLog.$inferInsert)['action'];
  method: 'basic' | 'oauth' | null;
  /** The last 4 characters of the key: the only key material an audit row may hold. */
  accessKeyHint: string | null;
  detail: string | null;
  at: Date;
}

export function recordAudit(db: Db | Tx, entry: AuditEntry): void {
  db.insert(schema.gongAuditLog)
    .values({
      workspaceId: entry.workspaceId,
      actorId: entry.actorId,
      action: entry.action,
      method: entry.method,
      accessKeyHint: entry.accessKeyHint,
      detail: entry.detail,
      createdAt: entry.at,
    })
    .run();
}
