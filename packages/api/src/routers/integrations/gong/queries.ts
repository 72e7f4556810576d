import type { GongAuditEntry, GongConnectionView } from '@callmine/contracts';
import type { Db } from '@callmine/db';
import { desc, eq } from 'drizzle-orm';

export async function currentCredential(db: Db, workspaceId: string) {
  const t = db.tables;
  return (
    await db.select().from(t.gongCredential).where(eq(t.gongCredential.workspaceId, workspaceId)).limit(1)
  )[0];
}

const attentionDetail = {
  rejected: 'Gong no longer accepts this key. Create a new API key in Gong and paste it here (Replace key).',
  unreadable:
    'Callmine can no longer decrypt this credential (its encryption key is unavailable). Paste the key again (Replace key).',
} as const;

/** Status and non-secret metadata only: never a sealed field, never the full access key. */
export async function connectionView(
  db: Db,
  workspaceId: string,
  defaultBaseUrl: string,
): Promise<GongConnectionView> {
  const t = db.tables;
  const [row] = await db
    .select({
      method: t.gongCredential.method,
      accessKeyHint: t.gongCredential.accessKeyHint,
      baseUrl: t.gongCredential.baseUrl,
      status: t.gongCredential.status,
      statusReason: t.gongCredential.statusReason,
      connectedAt: t.gongCredential.connectedAt,
      lastValidatedAt: t.gongCredential.lastValidatedAt,
      scopes: t.gongCredential.scopes,
      tokenExpiresAt: t.gongCredential.tokenExpiresAt,
      version: t.gongCredential.version,
      connectedBy: t.user.name,
    })
    .from(t.gongCredential)
    .leftJoin(t.user, eq(t.user.id, t.gongCredential.connectedBy))
    .where(eq(t.gongCredential.workspaceId, workspaceId))
    .limit(1);
  if (!row) return { status: 'disconnected' };
  const reason = row.status === 'active' ? null : row.status;
  return {
    status: reason ? 'needs-attention' : 'connected',
    method: row.method,
    accessKeyHint: row.accessKeyHint,
    baseUrl: row.baseUrl,
    usesStandardEndpoints: row.baseUrl === defaultBaseUrl,
    connectedBy: row.connectedBy,
    connectedAt: row.connectedAt.toISOString(),
    lastValidatedAt: row.lastValidatedAt?.toISOString() ?? null,
    scopes: row.scopes ? row.scopes.split(' ') : null,
    tokenExpiresAt: row.tokenExpiresAt?.toISOString() ?? null,
    attention: reason ? { reason, detail: row.statusReason ?? attentionDetail[reason] } : null,
    version: row.version,
  };
}

export async function auditLog(db: Db, workspaceId: string, limit = 20): Promise<GongAuditEntry[]> {
  const t = db.tables;
  return (
    await db
      .select({
        id: t.gongAuditLog.id,
        action: t.gongAuditLog.action,
        method: t.gongAuditLog.method,
        accessKeyHint: t.gongAuditLog.accessKeyHint,
        detail: t.gongAuditLog.detail,
        createdAt: t.gongAuditLog.createdAt,
        actorName: t.user.name,
      })
      .from(t.gongAuditLog)
      .leftJoin(t.user, eq(t.user.id, t.gongAuditLog.actorId))
      .where(eq(t.gongAuditLog.workspaceId, workspaceId))
      .orderBy(desc(t.gongAuditLog.createdAt), desc(t.gongAuditLog.id))
      .limit(limit)
  ).map(({ createdAt, ...entry }) => ({ ...entry, at: createdAt.toISOString() }));
}
