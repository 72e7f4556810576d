import { type Db, schema } from '@callmine/db';
import { basicAuthorization, type GongAuth } from '@callmine/gong';
import { gongCredentialContext, isVaultError } from '@callmine/vault';
import type { Opener } from '@callmine/vault/open';
import { and, eq } from 'drizzle-orm';

// Decrypt at request time: the Gong client calls `auth` just before each request; it reads the workspace's
// credential row as it is *now* (so a key replaced mid-run is used by the next request), opens the two sealed
// fields, builds the header and lets the plaintext go. Nothing here logs or keeps a secret.

export type CredentialProblem = 'missing' | 'needs-attention' | 'unreadable' | 'unsupported';

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

export const credentialMessages: Record<CredentialProblem, string> = {
  missing: 'Gong is not connected any more. An admin can connect it in Settings → Integrations.',
  'needs-attention':
    'The Gong connection needs attention. An admin must replace the key in Settings → Integrations.',
  unreadable:
    'Callmine could not decrypt the Gong credential (its encryption key is unavailable). An admin must paste the key again.',
  unsupported: 'This Gong connection method is not supported by runs yet.',
};

export function currentCredential(db: Db, workspaceId: string) {
  return db
    .select()
    .from(schema.gongCredential)
    .where(eq(schema.gongCredential.workspaceId, workspaceId))
    .get();
}

export interface RequestCredential {
  readonly auth: GongAuth;
  /** The credential version the last header was built from (recorded on the run). */
  readonly lastVersion: () => number | null;
}

export function requestTimeCredential(
  db: Db,
  opener: Opener,
  workspaceId: string,
  now: () => Date,
): RequestCredential {
  let version: number | null = null;
  return {
    lastVersion: () => version,
    auth: () => {
      const row = currentCredential(db, workspaceId);
      if (!row) throw new CredentialUnavailable('missing', credentialMessages.missing);
      if (row.status !== 'active') {
        throw new CredentialUnavailable('needs-attention', credentialMessages['needs-attention']);
      }
      if (row.method !== 'basic' || !row.accessKeySealed || !row.secretKeySealed) {
        throw new CredentialUnavailable('unsupported', credentialMessages.unsupported);
      }
      const context = { credentialId: row.id, workspaceId: row.workspaceId };
      let header: string;
      try {
        header = basicAuthorization(
          opener.open(row.accessKeySealed, gongCredentialContext(context, 'accessKey')),
          opener.open(row.secretKeySealed, gongCredentialContext(context, 'secretKey')),
        );
      } catch (error) {
        if (!isVaultError(error)) throw error;
        markNeedsAttention(db, { workspaceId, version: row.version, status: 'unreadable', at: now() });
        throw new CredentialUnavailable('unreadable', credentialMessages.unreadable);
      }
      version = row.version;
      return header;
    },
  };
}

/**
 * Flags the credential for the Gong card ("Needs attention") with an audit row, only if it is still the version
 * the failing request used: a key an admin replaced meanwhile is not blamed for its predecessor. Returns whether
 * it flagged anything.
 */
export function markNeedsAttention(
  db: Db,
  input: { workspaceId: string; version: number; status: 'rejected' | 'unreadable'; at: Date },
): boolean {
  return db.transaction((tx) => {
    const updated = tx
      .update(schema.gongCredential)
      .set({ status: input.status, statusReason: null, updatedAt: input.at })
      .where(
        and(
          eq(schema.gongCredential.workspaceId, input.workspaceId),
          eq(schema.gongCredential.version, input.version),
          eq(schema.gongCredential.status, 'active'),
        ),
      )
      .returning({ method: schema.gongCredential.method, hint: schema.gongCredential.accessKeyHint })
      .all();
    const row = updated[0];
    if (!row) return false;
    tx.insert(schema.gongAuditLog)
      .values({
        workspaceId: input.workspaceId,
        actorId: null,
        action: 'marked-needs-attention',
        method: row.method,
        accessKeyHint: row.hint,
        detail: input.status === 'rejected' ? 'gong-rejected-during-run' : 'credential-unreadable',
        createdAt: input.at,
      })
      .run();
    return true;
  });
}
