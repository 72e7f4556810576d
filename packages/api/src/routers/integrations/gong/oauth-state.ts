import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@callmine/db';
import { eq, lt } from 'drizzle-orm';

// Ten minutes: long enough to sign in to Gong and approve, short enough that a leaked link soon goes stale.
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

const hashOf = (value: string) => createHash('sha256').update(value).digest('hex');
const randomToken = () => randomBytes(32).toString('base64url');

/** PKCE S256 (RFC 7636 §4.2): the challenge sent to Gong is the SHA-256 of the verifier kept here. */
export const pkceChallenge = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

/** A new single-use state bound to this admin's session and workspace. Returns the raw state and PKCE verifier. */
export async function createOAuthState(
  db: Db,
  binding: { workspaceId: string; userId: string; sessionId: string },
  now: Date,
): Promise<{ state: string; codeVerifier: string }> {
  const t = db.tables;
  const state = randomToken();
  const codeVerifier = randomToken();
  // Old, never-used rows are dead weight; clearing them here keeps the table small without a job.
  await db.delete(t.gongOAuthState).where(lt(t.gongOAuthState.expiresAt, now));
  await db.insert(t.gongOAuthState).values({
    stateHash: hashOf(state),
    ...binding,
    codeVerifier,
    expiresAt: new Date(now.getTime() + OAUTH_STATE_TTL_MS),
    createdAt: now,
  });
  return { state, codeVerifier };
}

/**
 * Consumes the state atomically (DELETE … RETURNING: a replay finds nothing) and checks it belongs to this
 * session and is unexpired. A state shown to the wrong session is consumed too, so it can't be retried.
 */
export async function consumeOAuthState(
  db: Db,
  state: string,
  session: { userId: string; sessionId: string } | undefined,
  now: Date,
): Promise<{ workspaceId: string; codeVerifier: string } | undefined> {
  const t = db.tables;
  if (!state) return undefined;
  const [row] = await db
    .delete(t.gongOAuthState)
    .where(eq(t.gongOAuthState.stateHash, hashOf(state)))
    .returning();
  if (!row) return undefined;
  if (row.expiresAt.getTime() <= now.getTime()) return undefined;
  if (!session || row.userId !== session.userId || row.sessionId !== session.sessionId) return undefined;
  return { workspaceId: row.workspaceId, codeVerifier: row.codeVerifier };
}
