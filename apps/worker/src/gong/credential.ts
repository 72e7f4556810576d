import { type GongMethod, gongNeedsAttentionMessage, gongReconnectStep } from '@callmine/contracts';
import type { Db, Tables } from '@callmine/db';
import { basicAuthorization, bearerAuthorization, type GongAuth, type RenewAuth } from '@callmine/gong';
import { gongCredentialContext, isVaultError } from '@callmine/vault';
import type { Opener } from '@callmine/vault/open';
import { and, eq } from 'drizzle-orm';
import type { TokenRefresher } from './token-refresher.ts';

// Decrypt at request time: the Gong client calls `auth` just before each request; it reads the workspace's
// credential row as it is *now* (so a key replaced or a token refreshed mid-run is used by the next request), opens
// the sealed fields, builds the header and lets the plaintext go. An OAuth access token close to its expiry is
// refreshed first (token-refresher.ts); a 401 on one that looked valid gets one refresh and one retry (`renewAuth`).
// Nothing here logs or keeps a secret.

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

export interface RequestCredential {
  readonly auth: GongAuth;
  /** Gong said 401: refresh an OAuth token that looked valid (once), or report that nothing can be renewed. */
  readonly renewAuth: RenewAuth;
  /** The credential version the last header was built from (recorded on the run). */
  readonly lastVersion: () => number | null;
}

export function requestTimeCredential(
  db: Db,
  opener: Opener,
  workspaceId: string,
  now: () => Date,
  tokens: TokenRefresher,
): RequestCredential {
  let version: number | null = null;

  const activeRow = async (): Promise<CredentialRow> => {
    const row = await currentCredential(db, workspaceId);
    if (!row) throw new CredentialUnavailable('missing', credentialMessages.missing);
    if (row.status !== 'active') {
      throw new CredentialUnavailable('needs-attention', credentialMessage('needs-attention', row.method));
    }
    return row;
  };

  /** The Authorization header for the row; a field that won't open flags the card once and fails the run. */
  const headerFor = async (row: CredentialRow): Promise<string> => {
    const context = { credentialId: row.id, workspaceId: row.workspaceId };
    try {
      if (row.method === 'oauth') {
        if (!row.accessTokenSealed)
          throw new CredentialUnavailable('unreadable', credentialMessage('unreadable', row.method));
        return bearerAuthorization(
          opener.open(row.accessTokenSealed, gongCredentialContext(context, 'accessToken')),
        );
      }
      if (!row.accessKeySealed || !row.secretKeySealed) {
        throw new CredentialUnavailable('unreadable', credentialMessage('unreadable', row.method));
      }
      return basicAuthorization(
        opener.open(row.accessKeySealed, gongCredentialContext(context, 'accessKey')),
        opener.open(row.secretKeySealed, gongCredentialContext(context, 'secretKey')),
      );
    } catch (error) {
      if (!isVaultError(error) && !(error instanceof CredentialUnavailable)) throw error;
      await markNeedsAttention(db, { workspaceId, version: row.version, status: 'unreadable', at: now() });
      throw new CredentialUnavailable('unreadable', credentialMessage('unreadable', row.method));
    }
  };

  return {
    lastVersion: () => version,
    auth: async () => {
      let row = await activeRow();
      if (tokens.isDue(row)) row = await tokens.refresh(workspaceId, row.version);
      const header = await headerFor(row);
      version = row.version;
      return header;
    },
    renewAuth: async (rejected) => {
      const row = await currentCredential(db, workspaceId);
      // A pasted key can't be renewed here: the 401 is reported as before (replaced meanwhile → retried by the job).
      if (row?.status !== 'active' || row.method !== 'oauth') return false;
      // Someone refreshed since that request left: just retry with the newer token.
      if ((await headerFor(row)) !== rejected) return true;
      await tokens.refresh(workspaceId, row.version);
      return true;
    },
  };
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
      const statusReason = current?.method === 'oauth' ? oauthAttention[input.status] : null;
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
      return true;
    },
    { lock: `gong-credential:${input.workspaceId}` },
  );
}
