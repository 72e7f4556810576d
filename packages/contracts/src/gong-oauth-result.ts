import { z } from 'zod';

/**
 * The short, non-secret code the OAuth callback puts in `/settings?gong=…`; the card turns it into a sentence.
 * Never carries a token, a code or Gong's own error text.
 */
export const gongOAuthResult = z.enum([
  'connected',
  'denied',
  'state-invalid',
  'code-expired',
  'scopes-missing',
  'company-inactive',
  'different-company',
  'base-url-not-gong',
  'rejected',
  'rate-limited',
  'unreachable',
  'conflict',
  'not-configured',
]);
export type GongOAuthResult = z.infer<typeof gongOAuthResult>;
