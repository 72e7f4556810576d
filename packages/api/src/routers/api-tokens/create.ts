import { randomUUID } from 'node:crypto';
import type { CreateApiTokenInput, CreatedApiToken } from '@callmine/contracts';
import { generateApiToken } from '../../auth/api-token.ts';
import type { AdminContext } from '../../procedure-context.ts';
import { toApiTokenView } from './queries.ts';

const dayMs = 24 * 60 * 60 * 1000;

/** Stores only the hash; the token itself is in this one response and nowhere else, ever. */
export async function createApiToken(
  ctx: AdminContext,
  input: CreateApiTokenInput,
): Promise<CreatedApiToken> {
  const t = ctx.deps.db.tables;
  const now = ctx.deps.now();
  const { token, hash, hint } = generateApiToken();
  const row = {
    id: randomUUID(),
    workspaceId: ctx.workspace.id,
    name: input.name,
    role: input.role,
    tokenHash: hash,
    hint,
    createdBy: ctx.user.id,
    createdAt: now,
    expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * dayMs) : null,
    lastUsedAt: null,
    revokedAt: null,
  };
  await ctx.deps.db.insert(t.apiToken).values(row);
  ctx.deps.logger.info(
    { workspaceId: ctx.workspace.id, principal: `token:${row.id}`, role: row.role, by: ctx.user.id },
    'api token created',
  );
  return { token, view: toApiTokenView(row, { name: ctx.user.name, role: ctx.member.role }, now) };
}
