import { type Db, schema } from '@callmine/db';
import { and, eq, lte, ne, or, sql } from 'drizzle-orm';

// The database half of the OAuth refresh: claim the right to refresh one credential version, then either swap the
// new sealed pair in (version bump + audit + claim gone, one transaction) or give the claim up. Every function is one
// short synchronous transaction; the network call happens between them, never inside.
//
// `behavior: 'immediate'` takes SQLite's write lock at BEGIN: a deferred transaction that reads first and writes
// later fails with SQLITE_BUSY_SNAPSHOT (no busy wait) when another worker process committed in between.

export type ClaimOutcome = 'claimed' | 'busy' | 'stale';

/**
 * Claims the refresh of the workspace's credential at `version`: 'claimed' (go and refresh), 'busy' (another worker
 * holds a live claim for this version: wait for the version to move), 'stale' (the row is gone, not active, or
 * already past `version`: re-read it). A claim for an older version, or one past `until`, is taken over.
 */
export function claimRefresh(
  db: Db,
  input: {
    workspaceId: string;
    credentialId: string;
    version: number;
    claimId: string;
    at: Date;
    until: Date;
  },
): ClaimOutcome {
  const t = schema.gongTokenRefresh;
  return db.transaction(
    (tx) => {
      const credential = tx
        .select({
          id: schema.gongCredential.id,
          version: schema.gongCredential.version,
          status: schema.gongCredential.status,
        })
        .from(schema.gongCredential)
        .where(eq(schema.gongCredential.workspaceId, input.workspaceId))
        .get();
      if (credential?.status !== 'active' || credential.version !== input.version) return 'stale';
      const taken = tx
        .insert(t)
        .values({
          workspaceId: input.workspaceId,
          credentialId: input.credentialId,
          credentialVersion: input.version,
          claimId: input.claimId,
          claimedUntil: input.until,
        })
        .onConflictDoUpdate({
          target: t.workspaceId,
          set: {
            credentialId: input.credentialId,
            credentialVersion: input.version,
            claimId: input.claimId,
            claimedUntil: input.until,
          },
          setWhere: or(
            lte(t.claimedUntil, input.at),
            ne(t.credentialId, input.credentialId),
            ne(t.credentialVersion, input.version),
          ),
        })
        .returning({ claimId: t.claimId })
        .all();
      return taken[0]?.claimId === input.claimId ? 'claimed' : 'busy';
    },
    { behavior: 'immediate' },
  );
}

/** Gives a claim up (the refresh failed in a way another attempt may fix). */
export function releaseClaim(db: Db, workspaceId: string, claimId: string): void {
  db.delete(schema.gongTokenRefresh)
    .where(
      and(eq(schema.gongTokenRefresh.workspaceId, workspaceId), eq(schema.gongTokenRefresh.claimId, claimId)),
    )
    .run();
}

/**
 * Stores a refreshed pair (already sealed) in place of version `version`, bumps the version, writes the audit row and
 * drops the claim, all at once. False when the row moved on meanwhile (an admin rotated or disconnected): the new
 * pair is then dropped, since the admin's credential wins.
 */
export function storeRefreshedTokens(
  db: Db,
  input: {
    workspaceId: string;
    credentialId: string;
    version: number;
    claimId: string;
    accessTokenSealed: string;
    refreshTokenSealed: string;
    tokenExpiresAt: Date;
    scopes: string | null;
    at: Date;
  },
): boolean {
  const c = schema.gongCredential;
  return db.transaction(
    (tx) => {
      const updated = tx
        .update(c)
        .set({
          accessTokenSealed: input.accessTokenSealed,
          refreshTokenSealed: input.refreshTokenSealed,
          tokenExpiresAt: input.tokenExpiresAt,
          ...(input.scopes ? { scopes: input.scopes } : {}),
          version: sql`${c.version} + 1`,
          updatedAt: input.at,
        })
        .where(
          and(
            eq(c.workspaceId, input.workspaceId),
            // The same row: after a disconnect and a new connection the id differs, and these tokens (sealed for
            // the old id) must not land on it.
            eq(c.id, input.credentialId),
            eq(c.version, input.version),
            eq(c.status, 'active'),
            eq(c.method, 'oauth'),
          ),
        )
        .returning({ method: c.method })
        .all();
      tx.delete(schema.gongTokenRefresh)
        .where(
          and(
            eq(schema.gongTokenRefresh.workspaceId, input.workspaceId),
            eq(schema.gongTokenRefresh.claimId, input.claimId),
          ),
        )
        .run();
      if (!updated[0]) return false;
      tx.insert(schema.gongAuditLog)
        .values({
          workspaceId: input.workspaceId,
          actorId: null,
          action: 'token-refreshed',
          method: 'oauth',
          accessKeyHint: null,
          detail: null,
          createdAt: input.at,
        })
        .run();
      return true;
    },
    { behavior: 'immediate' },
  );
}
