import { randomUUID } from 'node:crypto';
import type { Db } from '@callmine/db';
import { GongError, type GongTokenEndpoint } from '@callmine/gong';
import type { Logger } from '@callmine/logger';
import { gongCredentialContext, isVaultError, type Sealer } from '@callmine/vault';
import type { Opener } from '@callmine/vault/open';
import {
  type CredentialRow,
  CredentialUnavailable,
  credentialMessage,
  credentialMessages,
  currentCredential,
  markNeedsAttention,
} from './credential.ts';
import { claimRefresh, releaseClaim, storeRefreshedTokens } from './token-claim.ts';

// Renews a workspace's Gong OAuth access token with its refresh token, once per credential version however many
// runs ask at the same time: in this process the askers share one promise; across worker processes on the same
// SQLite file they race for a claim row (token-claim.ts) and the losers wait for the version to move, then read the
// new pair. Gong rotates refresh tokens, so a second refresh with the old one would be refused and the connection
// lost — which is why "refresh again just in case" is never an option here.

export interface TokenRefresherOptions {
  db: Db;
  opener: Opener;
  sealer: Pick<Sealer, 'seal'>;
  /** Null when the worker has no OAuth client configured: an expiring token then fails runs with that reason. */
  endpoint: GongTokenEndpoint | null;
  logger: Logger;
  now: () => Date;
  /**
   * Refresh this long before the stated expiry, so no request leaves with a token about to die (default 5 min);
   * never more than half the token's lifetime (see renewalMarginMs).
   */
  marginMs?: number;
  /** How long a claim holds before another worker may take it over (default 30 s); keep it above the token call's timeout. */
  claimTtlMs?: number;
  /** How often a waiting worker re-reads the row (default 100 ms). */
  pollMs?: number;
}

export interface TokenRefresher {
  /** Whether an OAuth row's access token is within the margin of its expiry. */
  isDue(row: CredentialRow): boolean;
  /**
   * Makes sure the pair of credential `version` is replaced by a fresh one (by this call or by whoever got there
   * first) and returns the row as it is then. Throws CredentialUnavailable when it can't be (the card is flagged
   * when Gong refused the refresh token), or GongError('unavailable') for a transient failure worth a retry.
   */
  refresh(workspaceId: string, version: number): Promise<CredentialRow>;
}

export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * How long before its expiry a token is renewed: the configured margin, but at most half of the token's lifetime.
 * A fixed margin longer than the lifetime (Gong or the sandbox's `--token-ttl 120` handing out 2-minute tokens
 * against a 5-minute margin) made every fresh token already due, so every request renewed it. The lifetime runs
 * from when the pair was stored (`updatedAt`: set by the connect and by each refresh; the only other writer flags
 * the row, and a flagged row is never renewed) to `tokenExpiresAt`.
 */
export function renewalMarginMs(row: Pick<CredentialRow, 'updatedAt' | 'tokenExpiresAt'>, marginMs: number) {
  if (!row.tokenExpiresAt) return marginMs;
  const lifetimeMs = row.tokenExpiresAt.getTime() - row.updatedAt.getTime();
  return Math.max(0, Math.min(marginMs, lifetimeMs / 2));
}

export function createTokenRefresher(options: TokenRefresherOptions): TokenRefresher {
  const { db, opener, sealer, endpoint, logger, now } = options;
  const marginMs = options.marginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const claimTtlMs = options.claimTtlMs ?? 30_000;
  const pollMs = options.pollMs ?? 100;
  const inFlight = new Map<string, Promise<CredentialRow>>();

  const activeRow = async (workspaceId: string): Promise<CredentialRow> => {
    const row = await currentCredential(db, workspaceId);
    if (!row) throw new CredentialUnavailable('missing', credentialMessages.missing);
    if (row.status !== 'active') {
      throw new CredentialUnavailable('needs-attention', credentialMessage('needs-attention', row.method));
    }
    return row;
  };

  /** Holds the claim for `row.version`: one call to Gong's token endpoint, then the swap. */
  const refreshClaimed = async (row: CredentialRow, claimId: string): Promise<CredentialRow> => {
    const { workspaceId, version } = row;
    try {
      const context = { credentialId: row.id, workspaceId };
      let refreshToken: string;
      try {
        if (!row.refreshTokenSealed)
          throw new CredentialUnavailable('unreadable', credentialMessage('unreadable', 'oauth'));
        refreshToken = opener.open(row.refreshTokenSealed, gongCredentialContext(context, 'refreshToken'));
      } catch (error) {
        if (!isVaultError(error) && !(error instanceof CredentialUnavailable)) throw error;
        await markNeedsAttention(db, { workspaceId, version, status: 'unreadable', at: now() });
        throw new CredentialUnavailable('unreadable', credentialMessage('unreadable', 'oauth'));
      }
      if (!endpoint) {
        throw new CredentialUnavailable('oauth-unconfigured', credentialMessages['oauth-unconfigured']);
      }
      const result = await endpoint.refresh(refreshToken);
      if (!result.ok) {
        logger.warn({ workspaceId, version, reason: result.reason }, 'gong oauth refresh failed');
        if (result.reason === 'invalid-grant') {
          await markNeedsAttention(db, {
            workspaceId,
            version,
            status: 'rejected',
            detail: 'oauth-refresh-rejected',
            at: now(),
          });
          throw new CredentialUnavailable('refresh-rejected', credentialMessages['refresh-rejected']);
        }
        if (result.reason === 'invalid-client') {
          throw new CredentialUnavailable('oauth-client-refused', credentialMessages['oauth-client-refused']);
        }
        // Network, timeout, 5xx: nothing changed at Gong as far as we know; the job retries from its checkpoint.
        throw new GongError('unavailable', { detail: 'oauth-refresh-unreachable' });
      }
      const { answer } = result;
      const at = now();
      const stored = await storeRefreshedTokens(db, {
        workspaceId,
        credentialId: row.id,
        version,
        claimId,
        accessTokenSealed: sealer.seal(answer.accessToken, gongCredentialContext(context, 'accessToken')),
        // Gong may keep the refresh token (no rotation): then the one we have stays valid and stays stored.
        refreshTokenSealed: answer.refreshToken
          ? sealer.seal(answer.refreshToken, gongCredentialContext(context, 'refreshToken'))
          : row.refreshTokenSealed,
        tokenExpiresAt: new Date(at.getTime() + answer.expiresInSeconds * 1000),
        scopes: answer.scopes.length > 0 ? answer.scopes.join(' ') : null,
        at,
      });
      logger.info({ workspaceId, fromVersion: version, stored }, 'gong oauth token refreshed');
      return await activeRow(workspaceId);
    } finally {
      await releaseClaim(db, workspaceId, claimId);
    }
  };

  const refreshOnce = async (workspaceId: string, version: number): Promise<CredentialRow> => {
    // Waiting is bounded by real time (not `now`, which tests may move): a claim lapses after claimTtlMs.
    const giveUpAt = performance.now() + claimTtlMs * 2;
    for (;;) {
      const row = await activeRow(workspaceId);
      if (row.version !== version || row.method !== 'oauth') return row;
      const claimId = randomUUID();
      const at = now();
      const outcome = await claimRefresh(db, {
        workspaceId,
        credentialId: row.id,
        version,
        claimId,
        at,
        until: new Date(at.getTime() + claimTtlMs),
      });
      if (outcome === 'claimed') return refreshClaimed(row, claimId);
      if (outcome === 'busy') {
        if (performance.now() > giveUpAt)
          throw new GongError('unavailable', { detail: 'oauth-refresh-wait' });
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
      // 'stale': the row moved on between our read and the claim; read it again.
    }
  };

  return {
    isDue: (row) =>
      row.method === 'oauth' &&
      row.tokenExpiresAt !== null &&
      row.tokenExpiresAt.getTime() - renewalMarginMs(row, marginMs) <= now().getTime(),
    refresh(workspaceId, version) {
      const key = `${workspaceId}:${version}`;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = refreshOnce(workspaceId, version).finally(() => inFlight.delete(key));
        inFlight.set(key, pending);
      }
      return pending;
    },
  };
}
