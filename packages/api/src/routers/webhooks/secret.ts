import { randomBytes } from 'node:crypto';
import { webhookSecretContext } from '@callmine/vault';
import type { AdminContext } from '../../procedure-context.ts';

/** A new signing secret (256 random bits) and its envelope; the plaintext goes only into the one response. */
export function newWebhookSecret(ctx: AdminContext, endpointId: string): { secret: string; sealed: string } {
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const sealed = ctx.deps.sealer.seal(
    secret,
    webhookSecretContext({ endpointId, workspaceId: ctx.workspace.id }),
  );
  return { secret, sealed };
}
