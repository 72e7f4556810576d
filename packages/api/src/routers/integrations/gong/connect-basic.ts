import type { GongConnectionView, gongBasicAuthInput } from '@callmine/contracts';
import { isGongError } from '@callmine/gong';
import { TRPCError } from '@trpc/server';
import type { z } from 'zod';
import type { AdminContext } from '../../../procedure-context.ts';
import { recordAudit } from './audit.ts';
import { differentCompanyError, isDifferentCompany } from './company.ts';
import { gongFailureKind, gongFailureToTRPCError } from './gong-errors.ts';
import { connectionView, currentCredential } from './queries.ts';
import { storeValidatedCredential } from './store-credential.ts';

/**
 * Validate-then-swap. Order matters: allow-list the base URL (no connection to anything else), validate with Gong
 * outside any transaction, seal, then one synchronous transaction that upserts the single credential row in place
 * (ON CONFLICT DO UPDATE, guarded by the version read before validating) and writes the audit row.
 * A failed validation leaves the stored credential untouched and active. A key of a different Gong company (its
 * workspaces share no id with the stored ones) is held until the admin confirms the change.
 */
export async function connectBasic(
  ctx: AdminContext,
  input: z.output<typeof gongBasicAuthInput>,
): Promise<GongConnectionView> {
  const { db, gong, sealer, rateLimits, now } = ctx.deps;
  const workspaceId = ctx.workspace.id;

  const allowance = await rateLimits.gongConnect.consume(workspaceId);
  if (!allowance.ok) {
    throw new TRPCError({
      code: 'TOO_MANY_REQUESTS',
      message: `Too many connection attempts. Try again in ${allowance.retryAfterSeconds} s.`,
    });
  }

  const verdict = gong.normalizeBaseUrl(input.baseUrl);
  if (!verdict.ok) {
    // The admin's message is the same for every rejection; the log says which rule (the URL itself stays out).
    ctx.deps.logger.warn({ workspaceId, reason: verdict.reason }, 'gong base url refused');
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message:
        'That base URL is not a Gong API address. Use the one Gong shows on its API page (like https://us-44392.api.gong.io), or leave it blank.',
    });
  }
  const hint = input.accessKey.slice(-4);
  const existing = await currentCredential(db, workspaceId);

  let company: Awaited<ReturnType<typeof gong.validateBasic>>;
  try {
    company = await gong.validateBasic({
      accessKey: input.accessKey,
      secretKey: input.secretKey,
      baseUrl: verdict.origin,
    });
  } catch (error) {
    // Every network failure reads the same to the admin (no port scans through the form); the operator's log
    // says which (refused, DNS, timeout, …). GongError's summary holds no secret (the canary tests read it).
    ctx.deps.logger.warn(
      {
        workspaceId,
        baseUrl: verdict.origin,
        gong: isGongError(error) ? error.toLog() : { kind: 'internal-error' },
      },
      'gong validation failed',
    );
    await recordAudit(db, {
      workspaceId,
      actorId: ctx.user.id,
      action: 'validation-failed',
      method: 'basic',
      accessKeyHint: hint,
      detail: gongFailureKind(error),
      at: now(),
    });
    throw gongFailureToTRPCError(error, { customBaseUrl: !verdict.isDefault, now: now() });
  }

  if (isDifferentCompany(existing?.gongWorkspaces, company.workspaces) && !input.confirmCompanyChange) {
    await recordAudit(db, {
      workspaceId,
      actorId: ctx.user.id,
      action: 'company-change-held',
      method: 'basic',
      accessKeyHint: hint,
      detail: null,
      at: now(),
    });
    throw differentCompanyError(existing?.gongWorkspaces, company.workspaces);
  }

  await storeValidatedCredential(
    { db, sealer },
    {
      workspaceId,
      actorId: ctx.user.id,
      existing,
      baseUrl: verdict.origin,
      secrets: { method: 'basic', accessKey: input.accessKey, secretKey: input.secretKey },
      workspaces: company.workspaces,
      at: now(),
    },
  );
  ctx.deps.logger.info({ workspaceId, by: ctx.user.id, rotated: Boolean(existing) }, 'gong credential saved');
  return connectionView(db, workspaceId, gong, now());
}
