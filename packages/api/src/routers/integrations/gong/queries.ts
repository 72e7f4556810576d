import type { GongAuditEntry, GongBudgetView, GongConnectionView } from '@callmine/contracts';
import { type Db, schema } from '@callmine/db';
import { and, desc, eq } from 'drizzle-orm';

export async function currentCredential(db: Db, workspaceId: string) {
  const [row] = await db
    .select()
    .from(schema.gongCredential)
    .where(eq(schema.gongCredential.workspaceId, workspaceId))
    .limit(1);
  return row;
}

const DAY_MS = 86_400_000;

/**
 * Today's requests for the credential, from the budget store the worker writes (keyed by the credential row id,
 * per UTC day), against the daily budget; it starts again at the next UTC midnight.
 */
export async function budgetToday(
  db: Db,
  credentialId: string,
  limit: number,
  now: Date,
): Promise<GongBudgetView> {
  const day = now.toISOString().slice(0, 10);
  const [row] = await db
    .select({ used: schema.gongRequestBudget.used })
    .from(schema.gongRequestBudget)
    .where(
      and(eq(schema.gongRequestBudget.credentialKey, credentialId), eq(schema.gongRequestBudget.day, day)),
    )
    .limit(1);
  const resetsAt = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS);
  return { used: row?.used ?? 0, limit, resetsAt: resetsAt.toISOString() };
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
  gong: { defaultBaseUrl: string; dailyBudget: number },
  now: Date,
): Promise<GongConnectionView> {
  const [row] = await db
    .select({
      id: schema.gongCredential.id,
      method: schema.gongCredential.method,
      accessKeyHint: schema.gongCredential.accessKeyHint,
      baseUrl: schema.gongCredential.baseUrl,
      status: schema.gongCredential.status,
      statusReason: schema.gongCredential.statusReason,
      connectedAt: schema.gongCredential.connectedAt,
      lastValidatedAt: schema.gongCredential.lastValidatedAt,
      lastCheckedAt: schema.gongCredential.lastCheckedAt,
      gongWorkspaces: schema.gongCredential.gongWorkspaces,
      scopes: schema.gongCredential.scopes,
      tokenExpiresAt: schema.gongCredential.tokenExpiresAt,
      version: schema.gongCredential.version,
      connectedBy: schema.user.name,
    })
    .from(schema.gongCredential)
    .leftJoin(schema.user, eq(schema.user.id, schema.gongCredential.connectedBy))
    .where(eq(schema.gongCredential.workspaceId, workspaceId))
    .limit(1);
  if (!row) return { status: 'disconnected' };
  const reason = row.status === 'active' ? null : row.status;
  return {
    status: reason ? 'needs-attention' : 'connected',
    method: row.method,
    accessKeyHint: row.accessKeyHint,
    baseUrl: row.baseUrl,
    usesStandardEndpoints: row.baseUrl === gong.defaultBaseUrl,
    connectedBy: row.connectedBy,
    connectedAt: row.connectedAt.toISOString(),
    lastValidatedAt: row.lastValidatedAt?.toISOString() ?? null,
    lastCheckedAt: row.lastCheckedAt?.toISOString() ?? null,
    gongWorkspaces: row.gongWorkspaces ? row.gongWorkspaces.map(({ id, name }) => ({ id, name })) : null,
    budget: await budgetToday(db, row.id, gong.dailyBudget, now),
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
