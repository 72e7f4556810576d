// Where an admin may point a webhook: the contracts' rule (https, or an exactly listed development origin) plus,
// for an address typed as an IP literal, the address guard Gong's transport uses. Host names are checked again
// when the worker connects (their resolved address must be public), since DNS can change after this check.

import { isIP } from 'node:net';
import { webhookUrlRejectionMessages, webhookUrlVerdict } from '@callmine/contracts';
import { isPublicAddress } from '@callmine/gong/address-guard';
import { TRPCError } from '@trpc/server';
import { ReasonedCause } from '../../errors.ts';

export function allowedWebhookUrl(input: string, allowedOrigins: readonly string[]): string {
  const verdict = webhookUrlVerdict(input, allowedOrigins);
  const reason = verdict.ok ? null : verdict.reason;
  if (verdict.ok) {
    const url = new URL(verdict.url);
    const devOrigin = allowedOrigins.some((origin) => new URL(origin).origin === url.origin);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (devOrigin || isIP(host) === 0 || isPublicAddress(host)) return verdict.url;
  }
  throw new TRPCError({
    code: 'BAD_REQUEST',
    message: webhookUrlRejectionMessages[reason ?? 'host-not-allowed'],
    cause: new ReasonedCause('webhook-url-not-allowed'),
  });
}
