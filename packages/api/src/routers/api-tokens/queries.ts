import type { ApiTokenView } from '@callmine/contracts';
import type { Db, Tables } from '@callmine/db';
import { and, desc, eq } from 'drizzle-orm';
import { tokenState } from '../../auth/token-state.ts';

type Row = Tables['apiToken']['$inferSelect'];

/** The creator's name and current role in the token's workspace (null role: no longer a member). */
export interface TokenCreator {
  name: string;
  role: string | null;
}

export function toApiTokenView(row: Row, creator: TokenCreator, now: Date): ApiTokenView {
  // The same rule the token check applies on every call, so the list says what the next call will get.
  const state = tokenState({ ...row, creatorRole: creator.role }, now);
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    hint: row.hint,
    createdBy: creator.name,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    status: state.status,
    actsAs: state.actsAs,
    limitedBy: state.limitedBy,
  };
}

/** Tokens with their creator's name and current role in the token's workspace. */
function tokensWithCreators(db: Db) {
  const t = db.tables;
  return db
    .select({ token: t.apiToken, creatorName: t.user.name, creatorRole: t.member.role })
    .from(t.apiToken)
    .innerJoin(t.user, eq(t.user.id, t.apiToken.createdBy))
    .leftJoin(
      t.member,
      and(eq(t.member.organizationId, t.apiToken.workspaceId), eq(t.member.userId, t.apiToken.createdBy)),
    );
}

/** Newest first; revoked tokens stay listed so an admin can see what a leaked token was. */
export async function listApiTokens(db: Db, workspaceId: string, now: Date): Promise<ApiTokenView[]> {
  const t = db.tables;
  return (
    await tokensWithCreators(db)
      .where(eq(t.apiToken.workspaceId, workspaceId))
      .orderBy(desc(t.apiToken.createdAt), desc(t.apiToken.id))
  ).map((r) => toApiTokenView(r.token, { name: r.creatorName, role: r.creatorRole }, now));
}

export async function findApiToken(db: Db, workspaceId: string, tokenId: string) {
  const t = db.tables;
  const [found] = await tokensWithCreators(db)
    .where(and(eq(t.apiToken.id, tokenId), eq(t.apiToken.workspaceId, workspaceId)))
    .limit(1);
  return found && { token: found.token, creator: { name: found.creatorName, role: found.creatorRole } };
}
