import type { ApiTokenView } from '@callmine/contracts';
import { type Db, schema } from '@callmine/db';
import { and, desc, eq } from 'drizzle-orm';
import { tokenState } from '../../auth/token-state.ts';

type Row = typeof schema.apiToken.$inferSelect;

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
  return db
    .select({ token: schema.apiToken, creatorName: schema.user.name, creatorRole: schema.member.role })
    .from(schema.apiToken)
    .innerJoin(schema.user, eq(schema.user.id, schema.apiToken.createdBy))
    .leftJoin(
      schema.member,
      and(
        eq(schema.member.organizationId, schema.apiToken.workspaceId),
        eq(schema.member.userId, schema.apiToken.createdBy),
      ),
    );
}

/** Newest first; revoked tokens stay listed so an admin can see what a leaked token was. */
export function listApiTokens(db: Db, workspaceId: string, now: Date): ApiTokenView[] {
  return tokensWithCreators(db)
    .where(eq(schema.apiToken.workspaceId, workspaceId))
    .orderBy(desc(schema.apiToken.createdAt), desc(schema.apiToken.id))
    .all()
    .map((r) => toApiTokenView(r.token, { name: r.creatorName, role: r.creatorRole }, now));
}

export function findApiToken(db: Db, workspaceId: string, tokenId: string) {
  const found = tokensWithCreators(db)
    .where(and(eq(schema.apiToken.id, tokenId), eq(schema.apiToken.workspaceId, workspaceId)))
    .get();
  return found && { token: found.token, creator: { name: found.creatorName, role: found.creatorRole } };
}
