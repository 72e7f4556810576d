import type { GongAuditEntry, GongBudgetView, GongConnectionView } from '@callmine/contracts';
import { type Db, preparedRead } from '@callmine/db';
import { and, desc, eq, sql } from 'drizzle-orm';

export async function currentCredential(db: Db, workspaceId: string) {
  const t = db.tables;
  const [row] = await db
    .select()
    .from(t.gongCredential)
    .where(eq(t.gongCredential.workspaceId, workspaceId))
    .limit(1);
  return row;
}

const DAY_MS = 86_400_000;

// The card's read is prepared (built once): the status query is the one every open settings page polls. One
// statement for the credential and today's budget row: on SQLite each statement outside a transaction takes and
// drops the WAL read lock (a few system calls), which costs more than the join. No `.limit(1)` (a lookup by a
// unique key): drizzle sends LIMIT as a bound parameter, and SQLite re-compiles a statement whose LIMIT is a
// parameter every time it is bound.
const connectionRow = preparedRead('callmine_gong_connection_view', (db: Db) => {
  const t = db.tables;
  return (
    db
      .select({
        method: t.gongCredential.method,
        limiterKey: t.gongCredential.limiterKey,
        accessKeyHint: t.gongCredential.accessKeyHint,
        baseUrl: t.gongCredential.baseUrl,
        status: t.gongCredential.status,
        statusReason: t.gongCredential.statusReason,
        connectedAt: t.gongCredential.connectedAt,
        lastValidatedAt: t.gongCredential.lastValidatedAt,
        lastCheckedAt: t.gongCredential.lastCheckedAt,
        gongWorkspaces: t.gongCredential.gongWorkspaces,
        scopes: t.gongCredential.scopes,
        tokenExpiresAt: t.gongCredential.tokenExpiresAt,
        version: t.gongCredential.version,
        connectedBy: t.user.name,
        budgetUsed: t.gongRequestBudget.used,
      })
      .from(t.gongCredential)
      .leftJoin(t.user, eq(t.user.id, t.gongCredential.connectedBy))
      // Budget rows are keyed by the credential's limiter key and the UTC day; a key still null matches none.
      .leftJoin(
        t.gongRequestBudget,
        and(
          eq(t.gongRequestBudget.credentialKey, t.gongCredential.limiterKey),
          eq(t.gongRequestBudget.day, sql.placeholder('day')),
        ),
      )
      .where(eq(t.gongCredential.workspaceId, sql.placeholder('workspaceId')))
  );
});

/**
 * Today's requests for the credential against the daily budget, from the budget row the server's validations and
 * the worker's requests both count in (keyed by the credential's limiter key, per UTC day; `used` is that row's
 * count, null when there is none yet); it starts again at the next UTC midnight.
 */
function budgetView(used: number | null, limit: number, day: string): GongBudgetView {
  const resetsAt = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString();
  return { used: used ?? 0, limit, resetsAt };
}

const attentionDetail = {
  rejected: 'Gong no longer accepts this key. Create a new API key in Gong and paste it here (Replace key).',
  unreadable:
    'Callmine can no longer decrypt this credential (its encryption key is unavailable). Paste the key again (Replace key).',
} as const;

/** Status and non-secret metadata only: never a sealed field, never the full access key. Outside transactions. */
export async function connectionView(
  db: Db,
  workspaceId: string,
  gong: { defaultBaseUrl: string; dailyBudget: number },
  now: Date,
): Promise<GongConnectionView> {
  const day = now.toISOString().slice(0, 10);
  const [row] = await connectionRow(db, { workspaceId, day });
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
    budget: budgetView(row.budgetUsed, gong.dailyBudget, day),
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
