import { randomUUID } from 'node:crypto';
import type { Db } from '@callmine/db';
import { basicLimiterKey, oauthLimiterKey } from '@callmine/gong';
import { type GongCredentialField, gongCredentialContext, type Sealer } from '@callmine/vault';
import { TRPCError } from '@trpc/server';
import { eq, sql } from 'drizzle-orm';
import type { GongCompany } from '../../../ports.ts';
import { type AuditEntry, recordAudit } from './audit.ts';
import { companyChangeDetail, isDifferentCompany } from './company.ts';

/** What a validated credential carries, per method. Plaintext only until sealed below. */
export type ValidatedSecrets =
  | { method: 'basic'; accessKey: string; secretKey: string }
  | { method: 'oauth'; accessToken: string; refreshToken: string; tokenExpiresAt: Date; scopes: string[] };

export const credentialConflict = () =>
  new TRPCError({
    code: 'CONFLICT',
    message:
      'Another admin changed the Gong connection while you were saving. Reload to see it, then try again.',
  });

type StoredCredential = {
  id: string;
  version: number;
  method: 'basic' | 'oauth';
  gongWorkspaces: GongCompany['workspaces'] | null;
};

/**
 * What the audit row calls this save, honestly: a first connection, a change of Gong company (confirmed), a
 * switch between basic-auth and OAuth, or a new key for the same company.
 */
export function swapAudit(
  existing: StoredCredential | undefined,
  method: 'basic' | 'oauth',
  workspaces: GongCompany['workspaces'],
): Pick<AuditEntry, 'action' | 'detail'> {
  if (!existing) return { action: 'connected', detail: null };
  if (isDifferentCompany(existing.gongWorkspaces, workspaces)) {
    return { action: 'company-changed', detail: companyChangeDetail(existing.gongWorkspaces, workspaces) };
  }
  if (existing.method !== method) {
    return { action: 'method-switched', detail: `${existing.method} → ${method}` };
  }
  return { action: 'rotated', detail: null };
}

/**
 * The swap shared by basic-auth and OAuth: seal the secrets, then one synchronous transaction that upserts the
 * single credential row in place (ON CONFLICT DO UPDATE guarded by the version read before validating, so the
 * loser of a race gets CONFLICT) and writes the audit row. Switching method is a rotation of the same row.
 */
export async function storeValidatedCredential(
  deps: { db: Db; sealer: Pick<Sealer, 'seal'> },
  args: {
    workspaceId: string;
    actorId: string;
    existing: StoredCredential | undefined;
    baseUrl: string;
    secrets: ValidatedSecrets;
    /** The company's Gong workspaces, read while validating. */
    workspaces: GongCompany['workspaces'];
    at: Date;
  },
): Promise<void> {
  const { db, sealer } = deps;
  const t = db.tables;
  const { workspaceId, existing, secrets, at } = args;
  const credentialId = existing?.id ?? randomUUID();
  const expectedVersion = existing?.version ?? 0;
  const seal = (field: GongCredentialField, plaintext: string) =>
    sealer.seal(plaintext, gongCredentialContext({ credentialId, workspaceId }, field));
  // An access token's tail is not shown: unlike a key it changes on every refresh, so it identifies nothing.
  const hint = secrets.method === 'basic' ? secrets.accessKey.slice(-4) : null;
  const fields = {
    method: secrets.method,
    baseUrl: args.baseUrl,
    accessKeyHint: hint,
    // The name the validation just used in the shared limiter and budget: the worker's requests count there too.
    limiterKey:
      secrets.method === 'basic' ? basicLimiterKey(secrets.accessKey) : oauthLimiterKey(workspaceId),
    accessKeySealed: secrets.method === 'basic' ? seal('accessKey', secrets.accessKey) : null,
    secretKeySealed: secrets.method === 'basic' ? seal('secretKey', secrets.secretKey) : null,
    accessTokenSealed: secrets.method === 'oauth' ? seal('accessToken', secrets.accessToken) : null,
    refreshTokenSealed: secrets.method === 'oauth' ? seal('refreshToken', secrets.refreshToken) : null,
    tokenExpiresAt: secrets.method === 'oauth' ? secrets.tokenExpiresAt : null,
    scopes: secrets.method === 'oauth' ? secrets.scopes.join(' ') : null,
    status: 'active' as const,
    statusReason: null,
    connectedBy: args.actorId,
    connectedAt: at,
    lastValidatedAt: at,
    lastCheckedAt: at,
    gongWorkspaces: args.workspaces,
    updatedAt: at,
  };
  const audit = swapAudit(existing, secrets.method, args.workspaces);

  await db.transaction(async (tx) => {
    const result = await tx
      .insert(t.gongCredential)
      .values({ id: credentialId, workspaceId, version: 1, ...fields })
      .onConflictDoUpdate({
        target: t.gongCredential.workspaceId,
        set: { ...fields, version: sql`${t.gongCredential.version} + 1` },
        setWhere: eq(t.gongCredential.version, expectedVersion),
      })
      .returning({ id: t.gongCredential.id });
    if (result.length !== 1) throw credentialConflict();
    await recordAudit(tx, {
      workspaceId,
      actorId: args.actorId,
      ...audit,
      method: secrets.method,
      accessKeyHint: hint,
      at,
    });
  });
}
