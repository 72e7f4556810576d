import type { Db } from '@callmine/db';
import {
  basicAuthorization,
  basicLimiterKey,
  bearerAuthorization,
  type GongAuth,
  oauthLimiterKey,
  type RenewAuth,
} from '@callmine/gong';
import { gongCredentialContext, isVaultError } from '@callmine/vault';
import type { Opener } from '@callmine/vault/open';
import {
  type CredentialRow,
  CredentialUnavailable,
  credentialMessage,
  credentialMessages,
  currentCredential,
  markNeedsAttention,
  nameCredential,
} from './credential.ts';
import type { TokenRefresher } from './token-refresher.ts';

// Decrypt at request time: the Gong client calls `auth` just before each request; it reads the workspace's
// credential row as it is *now* (so a key replaced or a token refreshed mid-run is used by the next request), opens
// the sealed fields, builds the header and lets the plaintext go. An OAuth access token close to its expiry is
// refreshed first (token-refresher.ts); a 401 on one that looked valid gets one refresh and one retry (`renewAuth`).
// Nothing here logs or keeps a secret.

export interface RequestCredential {
  readonly auth: GongAuth;
  /** Gong said 401: refresh an OAuth token that looked valid (once), or report that nothing can be renewed. */
  readonly renewAuth: RenewAuth;
  /** The credential version the last header was built from (recorded on the run). */
  readonly lastVersion: () => number | null;
  /**
   * The credential's name in the shared Gong limiter and daily budget, the one the server's validation uses and the
   * card reads (@callmine/gong limiter-key.ts): a hash of the access key, or of the workspace for an OAuth grant.
   */
  readonly limiterKey: () => Promise<string>;
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
    limiterKey: async () => {
      const row = await activeRow();
      // Written with the sealed fields since the column exists; an older row is named here, once.
      if (row.limiterKey) return row.limiterKey;
      let key: string;
      if (row.method === 'oauth') key = oauthLimiterKey(row.workspaceId);
      else {
        try {
          if (!row.accessKeySealed)
            throw new CredentialUnavailable('unreadable', credentialMessage('unreadable', row.method));
          const context = { credentialId: row.id, workspaceId: row.workspaceId };
          key = basicLimiterKey(
            opener.open(row.accessKeySealed, gongCredentialContext(context, 'accessKey')),
          );
        } catch (error) {
          if (!isVaultError(error) && !(error instanceof CredentialUnavailable)) throw error;
          await markNeedsAttention(db, {
            workspaceId,
            version: row.version,
            status: 'unreadable',
            at: now(),
          });
          throw new CredentialUnavailable('unreadable', credentialMessage('unreadable', row.method));
        }
      }
      await nameCredential(db, row, key);
      return key;
    },
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
