import type { GongAuditEntry, GongConnectionView } from '@callmine/contracts';
import { type Db, schema } from '@callmine/db';
import { desc, eq } from 'drizzle-orm';

export function currentCredential(db: Db, workspaceId: string) {
  return db
    .select()
    .from(schema.gongCredential)
    .where(eq(schema.gongCredential.workspaceId, workspaceId))
    .get();
}

const attentionDetail = {
  rejected: 'Gong no longer accepts this key. Create a new API key in Gong and paste it here (Replace key).',
  unreadable:
    'Callmine can no longer decrypt this credential (its encryption key is unavailable). Paste the key again (Replace key).',
} as const;

/** Status and non-secret metadata only: never a sealed field, never the full access key. */
export function connectionView(db: Db, workspaceId: string, defaultBaseUrl: string): GongConnectionView {
  const row = db
    .select({
      method: schema.gongCredential.method,
      accessKeyHint: schema.gongCredential.accessKeyHint,
      baseUrl: schema.gongCredential.baseUrl,
      status: schema.gongCredential.status,
      statusReason: schema.gongCredential.statusReason,
      connectedAt: schema.gongCredential.connectedAt,
      lastValidatedAt: schema.gongCredential.lastValidatedAt,
      scopes: schema.gongCredential.scopes,
      tokenExpiresAt: schema.gongCredential.tokenExpiresAt,
      version: schema.gongCredential.version,
      connectedBy: schema.user.name,
    })
    .from(schema.gongCredential)
    .leftJoin(schema.user, eq(schema.user.id, schema.gongCredential.connectedBy))
    .where(eq(schema.gongCredential.workspaceId, workspaceId))
    .get();
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

export function auditLog(db: Db, workspaceId: string, limit = 20): GongAuditEntry[] {
  return db
    .select({
      id: schema.gongAuditLog.id,
      action: schema.gongAuditLog.action,
      method: schema.gongAuditLog.method,
      accessKeyHint: schema.gongAuditLog.accessKeyHint,
      detail: schema.gongAuditLog.detail,
      createdAt: schema.gongAuditLog.createdAt,
      actorName: schema.user.name,
    })
    .from(schema.gongAuditLog)
    .leftJoin(schema.user, eq(schema.user.id, schema.gongAuditLog.actorId))
    .where(eq(schema.gongAuditLog.workspaceId, workspaceId))
    .orderBy(desc(schema.gongAuditLog.createdAt), desc(schema.gongAuditLog.id))
    .limit(limit)
    .all()
    .map(({ createdAt, ...entry }) => ({ ...entry, at: createdAt.toISOString() }));
}
