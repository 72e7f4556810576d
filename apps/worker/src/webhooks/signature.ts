// The signature scheme receivers verify (README "Webhooks"): HMAC-SHA256 keyed with the endpoint's whole secret
// (`whsec_…`, as UTF-8), over "<timestamp>.<raw body>", hex, sent as `Callmine-Webhook-Signature: v1=<hex>`.
// The timestamp (Unix seconds, `Callmine-Webhook-Timestamp`) is inside the signed text, so a receiver that refuses
// timestamps older than 5 minutes refuses replays; `Callmine-Webhook-Id` is the same on every retry of a delivery.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_VERSION = 'v1';
/** How old a timestamp receivers should accept; documented, and used by verifyWebhookSignature. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

export function signWebhook(secret: string, timestamp: number, body: string): string {
  const hex = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `${SIGNATURE_VERSION}=${hex}`;
}

/** A receiver's check (the README's snippet does the same): signature matches and the timestamp is recent. */
export function verifyWebhookSignature(input: {
  secret: string;
  body: string;
  timestamp: string | null | undefined;
  signature: string | null | undefined;
  nowSeconds?: number;
}): boolean {
  const timestamp = Number(input.timestamp);
  if (!Number.isInteger(timestamp)) return false;
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > WEBHOOK_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(signWebhook(input.secret, timestamp, input.body));
  // A header may carry several signatures (during a secret rotation), separated by spaces.
  return (input.signature ?? '').split(' ').some((candidate) => {
    const given = Buffer.from(candidate.trim());
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
