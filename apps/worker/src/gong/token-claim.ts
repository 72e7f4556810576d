import type { Db } from '@callmine/db';
import { and, eq, lte, ne, or, sql } from 'drizzle-orm';

// The database half of the OAuth refresh: claim the right to refresh one credential version, then either swap the
// new sealed pair in (version bump + audit + claim gone, one transaction) or give the claim up. Every function is one
// short transaction (DB statements only); the network call happens between them, never inside.
//
// Both transactions are serialised per workspace's refresh: on SQLite every transaction is BEGIN IMMEDIATE (the
// write lock is taken before the first read, so a read-then-write never fails with SQLITE_BUSY_SNAPSHOT); on
// PostgreSQL the `token-refresh:<workspace>` lock key does the same.

export type ClaimOutcome = 'claimed' | 'busy' | 'stale';

/**
 * Claims the refresh of the workspace's credential at `version`: 'claimed' (go and refresh), 'busy' (another worker
 * holds a live claim for this version: wait for the version to move), 'stale' (the row is gone, not active, or
 * already past `version`: re-read it). A claim for an older version, or one past `until`, is taken over.
 */
export async function claimRefresh(
  db: Db,
  input: {
    workspaceId: string;
    credentialId: string;
    version: number;
    claimId: string;
    at: Date;
    until: Date;
  },
): Promise<ClaimOutcome> {
  const { gongCredential, gongTokenRefresh: t } = db.tables;
  return db.transaction(
    async (tx) => {
      const [credential] = await tx
        .select({
          id: gongCredential.id,
          version: gongCredential.version,
          status: gongCredential.status,
        })
        .from(gongCredential)
        .where(eq(gongCredential.workspaceId, input.workspaceId))
        .limit(1);
      if (credential?.status !== 'active' || credential.version !== input.version) return 'stale';
      const taken = await tx
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
        .returning({ claimId: t.claimId });
      return taken[0]?.claimId === input.claimId ? 'claimed' : 'busy';
    },
    { lock: `token-refresh:${input.workspaceId}` },
  );
}

/** Gives a claim up (the refresh failed in a way another attempt may fix). */
export async function releaseClaim(db: Db, workspaceId: string, claimId: string): Promise<void> {
  const t = db.tables;
  await db
    .delete(t.gongTokenRefresh)
    .where(and(eq(t.gongTokenRefresh.workspaceId, workspaceId), eq(t.gongTokenRefresh.claimId, claimId)));
}

/**
 * Stores a refreshed pair (already sealed) in place of version `version`, bumps the version, writes the audit row and
 * drops the claim, all at once. False when the row moved on meanwhile (an admin rotated or disconnected): the new
 * pair is then dropped, since the admin's credential wins.
 */
export async function storeRefreshedTokens(
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
): Promise<boolean> {
  const t = db.tables;
  const c = t.gongCredential;
  return db.transaction(
    async (tx) => {
      const updated = await tx
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
        .returning({ method: c.method });
      await tx
        .delete(t.gongTokenRefresh)
        .where(
          and(
            eq(t.gongTokenRefresh.workspaceId, input.workspaceId),
            eq(t.gongTokenRefresh.claimId, input.claimId),
          ),
        );
      if (!updated[0]) return false;
      await tx.insert(t.gongAuditLog).values({
        workspaceId: input.workspaceId,
        actorId: null,
        action: 'token-refreshed',
        method: 'oauth',
        accessKeyHint: null,
        detail: null,
        createdAt: input.at,
      });
      return true;
    },
    { lock: `token-refresh:${input.workspaceId}` },
  );
}
