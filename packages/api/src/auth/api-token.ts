import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@callmine/db';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { tokenState } from './token-state.ts';

/** Every Callmine token starts with this, so secret scanners and a grep can find a leaked one. */
export const apiTokenPrefix = 'cm_';

/** 32 random bytes (256 bits) in base64url: unguessable, so a plain SHA-256 is a safe way to store it. */
export function generateApiToken(): { token: string; hash: string; hint: string } {
  const token = `${apiTokenPrefix}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashApiToken(token), hint: token.slice(0, apiTokenPrefix.length + 6) };
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The token from an `Authorization: Bearer …` header, or undefined when the request carries none. */
export function bearerToken(headers: Headers): string | undefined {
  const value = headers.get('authorization');
  if (!value) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return match?.[1] ?? '';
}

export interface TokenPrincipal {
  kind: 'token';
  tokenId: string;
  /** The rights it acts with now; a read-only token acts with member rights for queries. */
  role: 'admin' | 'member';
  /** A 'read' token: every mutation is refused (trpc.ts), so it can't start runs or change anything. */
  readOnly: boolean;
  workspace: { id: string; name: string };
  /** The person who created the token: calls made with it are attributed to them. */
  user: { id: string; name: string; email: string };
}

/** Why a presented token was refused; one message for all, so the answer never tells a guesser anything. */
export type TokenVerdict = { ok: true; principal: TokenPrincipal } | { ok: false };

// Writing last_used_at on every call would turn every read into a write; a minute is precise enough for a list.
const lastUsedResolutionMs = 60_000;

export async function verifyApiToken(db: Db, token: string, now: Date): Promise<TokenVerdict> {
  const t = db.tables;
  if (!token.startsWith(apiTokenPrefix)) return { ok: false };
  const [row] = await db
    .select({
      id: t.apiToken.id,
      role: t.apiToken.role,
      expiresAt: t.apiToken.expiresAt,
      revokedAt: t.apiToken.revokedAt,
      workspaceId: t.organization.id,
      workspaceName: t.organization.name,
      userId: t.user.id,
      userName: t.user.name,
      userEmail: t.user.email,
      creatorRole: t.member.role,
    })
    .from(t.apiToken)
    .innerJoin(t.organization, eq(t.organization.id, t.apiToken.workspaceId))
    .innerJoin(t.user, eq(t.user.id, t.apiToken.createdBy))
    .leftJoin(
      t.member,
      and(eq(t.member.organizationId, t.apiToken.workspaceId), eq(t.member.userId, t.apiToken.createdBy)),
    )
    .where(eq(t.apiToken.tokenHash, hashApiToken(token)))
    .limit(1);
  if (!row) return { ok: false };
  // Revoked, expired, creator gone, or capped at the creator's current role: the same rule the token list shows.
  const state = tokenState(row, now);
  if (state.status !== 'active') return { ok: false };
  await db
    .update(t.apiToken)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(t.apiToken.id, row.id),
        or(
          isNull(t.apiToken.lastUsedAt),
          lt(t.apiToken.lastUsedAt, new Date(now.getTime() - lastUsedResolutionMs)),
        ),
      ),
    );
  return {
    ok: true,
    principal: {
      kind: 'token',
      tokenId: row.id,
      role: state.actsAs === 'admin' ? 'admin' : 'member',
      readOnly: state.actsAs === 'read',
      workspace: { id: row.workspaceId, name: row.workspaceName },
      user: { id: row.userId, name: row.userName, email: row.userEmail },
    },
  };
}
