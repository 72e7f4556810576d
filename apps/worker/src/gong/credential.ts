import { type GongMethod, gongNeedsAttentionMessage, gongReconnectStep } from '@callmine/contracts';
import type { Db, Tables } from '@callmine/db';
import { and, eq, isNull } from 'drizzle-orm';
import { enqueueNeedsAttention } from '../webhooks/enqueue-events.ts';

// The worker's view of a workspace's Gong credential row: read it, flag it for the card, and the messages a run
// fails with when it can't be used. Shared by request-credential.ts (headers at request time) and
// token-refresher.ts (OAuth renewal); it imports neither, so they don't import each other.

export type CredentialProblem =
  | 'missing'
  | 'needs-attention'
  | 'unreadable'
  | 'refresh-rejected'
  | 'oauth-unconfigured'
  | 'oauth-client-refused';

/** Why the worker could not produce an Authorization header; the run fails with `message`. */
export class CredentialUnavailable extends Error {
  constructor(
    readonly problem: CredentialProblem,
    message: string,
  ) {
    super(message);
    this.name = 'CredentialUnavailable';
  }
}

export const credentialMessages: Record<
  Exclude<CredentialProblem, 'needs-attention' | 'unreadable'>,
  string
> = {
  missing: 'Gong is not connected any more. An admin can connect it in Settings → Integrations.',
  'refresh-rejected':
    'Gong refused to renew the OAuth access (the authorization was revoked in Gong or has expired). An admin must connect Gong with OAuth again in Settings → Integrations.',
  'oauth-unconfigured':
    'The Gong OAuth token needs renewing, but the worker has no OAuth app configured. An operator must set CALLMINE_GONG_OAUTH_CLIENT_ID and CALLMINE_GONG_OAUTH_CLIENT_SECRET for the worker.',
  'oauth-client-refused':
    "Gong refused Callmine's OAuth client id or secret while renewing the token. An operator must check CALLMINE_GONG_OAUTH_CLIENT_ID and CALLMINE_GONG_OAUTH_CLIENT_SECRET.",
};

/** A run's failure for a connection an admin must fix: the fix depends on its kind (no key to replace with OAuth). */
export function credentialMessage(problem: CredentialProblem, method: GongMethod): string {
  if (problem === 'needs-attention') return gongNeedsAttentionMessage(method);
  if (problem === 'unreadable') {
    return `Callmine could not decrypt the Gong credential (its encryption key is unavailable): ${gongReconnectStep(method)}.`;
  }
  return credentialMessages[problem];
}

/** What the card says for an OAuth connection that needs attention (the api's defaults speak of pasted keys). */
const oauthAttention = {
  rejected:
    "Gong no longer accepts Callmine's OAuth authorization (it was revoked in Gong or has expired). Connect with OAuth again.",
  unreadable:
    'Callmine can no longer decrypt the OAuth tokens (their encryption key is unavailable). Connect with OAuth again.',
} as const;

export type CredentialRow = Tables['gongCredential']['$inferSelect'];

export async function currentCredential(db: Db, workspaceId: string) {
  const t = db.tables;
  return (
    await db.select().from(t.gongCredential).where(eq(t.gongCredential.workspaceId, workspaceId)).limit(1)
  )[0];
}

/**
 * Stores the limiter key of a credential saved before the column existed (the server writes it with every swap), so
 * the card reads the budget this worker counts in; only if the row is still that version and still unnamed.
 */
export async function nameCredential(
  db: Db,
  row: { id: string; version: number },
  limiterKey: string,
): Promise<void> {
  const t = db.tables.gongCredential;
  await db
    .update(t)
    .set({ limiterKey })
    .where(and(eq(t.id, row.id), eq(t.version, row.version), isNull(t.limiterKey)));
}

/**
 * Flags the credential for the Gong card ("Needs attention") with an audit row, only if it is still the version
 * the failing request used: a key an admin replaced meanwhile is not blamed for its predecessor. Returns whether
 * it flagged anything.
 */
export async function markNeedsAttention(
  db: Db,
  input: {
    workspaceId: string;
    version: number;
    status: 'rejected' | 'unreadable';
    /** For the audit row; defaults by status. */
    detail?: string;
    /** What the card says; defaults by status and method. */
    statusReason?: string;
    at: Date;
  },
): Promise<boolean> {
  const t = db.tables;
  // It reads, then writes, and another worker process may write in between: serialised per credential (token-claim.ts).
  return db.transaction(
    async (tx) => {
      const [current] = await tx
        .select({ method: t.gongCredential.method })
        .from(t.gongCredential)
        .where(eq(t.gongCredential.workspaceId, input.workspaceId))
        .limit(1);
      const statusReason =
        input.statusReason ?? (current?.method === 'oauth' ? oauthAttention[input.status] : null);
      const updated = await tx
        .update(t.gongCredential)
        .set({ status: input.status, statusReason, updatedAt: input.at })
        .where(
          and(
            eq(t.gongCredential.workspaceId, input.workspaceId),
            eq(t.gongCredential.version, input.version),
            eq(t.gongCredential.status, 'active'),
          ),
        )
        .returning({ method: t.gongCredential.method, hint: t.gongCredential.accessKeyHint });
      const row = updated[0];
      if (!row) return false;
      await tx.insert(t.gongAuditLog).values({
        workspaceId: input.workspaceId,
        actorId: null,
        action: 'marked-needs-attention',
        method: row.method,
        accessKeyHint: row.hint,
        detail:
          input.detail ??
          (input.status === 'rejected' ? 'gong-rejected-during-run' : 'credential-unreadable'),
        createdAt: input.at,
      });
      await enqueueNeedsAttention(tx, input);
      return true;
    },
    { lock: `gong-credential:${input.workspaceId}` },
  );
}
