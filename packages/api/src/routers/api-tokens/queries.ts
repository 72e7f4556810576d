import type { ApiTokenView } from '@callmine/contracts';
import { type Db, schema } from '@callmine/db';
import { and, desc, eq } from 'drizzle-orm';

type Row = typeof schema.apiToken.$inferSelect;

export function toApiTokenView(row: Row, createdBy: string, now: Date): ApiTokenView {
  const status = row.revokedAt
    ? 'revoked'
    : row.expiresAt && row.expiresAt.getTime() <= now.getTime()
      ? 'expired'
      : 'active';
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    hint: row.hint,
    createdBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    status,
  };
}

/** Newest first; revoked tokens stay listed so an admin can see what a leaked token was. */
export function listApiTokens(db: Db, workspaceId: string, now: Date): ApiTokenView[] {
  return db
    .select({ token: schema.apiToken, createdBy: schema.user.name })
    .from(schema.apiToken)
    .innerJoin(schema.user, eq(schema.user.id, schema.apiToken.createdBy))
    .where(eq(schema.apiToken.workspaceId, workspaceId))
    .orderBy(desc(schema.apiToken.createdAt), desc(schema.apiToken.id))
    .all()
    .map((r) => toApiTokenView(r.token, r.createdBy, now));
}

export function findApiToken(db: Db, workspaceId: string, tokenId: string) {
  return db
    .select({ token: schema.apiToken, createdBy: schema.user.name })
    .from(schema.apiToken)
    .innerJoin(schema.user, eq(schema.user.id, schema.apiToken.createdBy))
    .where(and(eq(schema.apiToken.id, tokenId), eq(schema.apiToken.workspaceId, workspaceId)))
    .get();
}
