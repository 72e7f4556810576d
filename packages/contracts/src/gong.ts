import { z } from 'zod';

const looksLikeHttpUrl = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

/**
 * What an admin pastes from Gong (Company Settings → Ecosystem → API). The form and `connectBasic` both use it.
 * The base URL's shape is checked here; whether it is a Gong address is the server's allow-list (packages/gong),
 * since only the server knows which extra origins an operator allowed.
 */
export const gongBasicAuthInput = z.strictObject({
  accessKey: z
    .string({ error: 'Paste the access key Gong showed you.' })
    .trim()
    .min(1, 'Paste the access key Gong showed you.')
    .max(256, 'That access key is too long. Paste only the key.')
    .regex(/^\S+$/, 'An access key has no spaces. Paste only the key.'),
  secretKey: z
    .string({ error: 'Paste the access key secret Gong showed you.' })
    .trim()
    .min(1, 'Paste the access key secret Gong showed you.')
    .max(1024, 'That secret is too long. Paste only the secret.')
    .regex(/^\S+$/, 'A secret has no spaces. Paste only the secret.'),
  baseUrl: z
    .string()
    .trim()
    .max(2048, 'That base URL is too long.')
    .optional()
    .transform((value) => (value ? value : undefined))
    .refine((value) => value === undefined || looksLikeHttpUrl(value), {
      message: 'Enter the base URL Gong gave you, like https://us-44392.api.gong.io, or leave it blank.',
    }),
  /**
   * The admin read what connecting a different Gong company does and chose to go on. Without it, a key whose Gong
   * workspaces share none with the stored key's is held (CONFLICT, reason `gong-different-company`).
   */
  confirmCompanyChange: z.boolean().optional(),
});
export type GongBasicAuthInput = z.input<typeof gongBasicAuthInput>;

export const gongMethod = z.enum(['basic', 'oauth']);
export type GongMethod = z.infer<typeof gongMethod>;

/**
 * What an admin does about a connection that needs attention. An OAuth connection has no key to replace: it is
 * connected again. Shared by runs.start, the worker's run failures and the schedules' skipped occurrences.
 */
export function gongReconnectStep(method: GongMethod): string {
  return method === 'oauth'
    ? 'an admin must connect Gong with OAuth again in Settings → Integrations'
    : 'an admin must replace the key in Settings → Integrations';
}

/** "The Gong connection needs attention: <the step for this kind of connection>." */
export function gongNeedsAttentionMessage(method: GongMethod): string {
  return `The Gong connection needs attention: ${gongReconnectStep(method)}.`;
}

/** A Gong workspace of the connected company: how the card names the company. */
export const gongWorkspaceRef = z.object({ id: z.string(), name: z.string() });

/**
 * Today's Gong requests for this connection, counted by the worker (runs, health checks) in the shared budget
 * store, against the daily budget; the count starts again at `resetsAt` (the next UTC midnight).
 */
export const gongBudgetView = z.object({
  used: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
  resetsAt: z.iso.datetime(),
});
export type GongBudgetView = z.infer<typeof gongBudgetView>;

/** Why a stored credential needs an admin: Gong rejected it, or Callmine can no longer decrypt it. */
export const gongAttentionReason = z.enum(['rejected', 'unreadable']);

export const gongConnectionView = z.discriminatedUnion('status', [
  z.object({ status: z.literal('disconnected') }),
  z.object({
    status: z.enum(['connected', 'needs-attention']),
    method: gongMethod,
    /** Last 4 characters of the access key, never more. */
    accessKeyHint: z.string().nullable(),
    baseUrl: z.string(),
    usesStandardEndpoints: z.boolean(),
    connectedBy: z.string().nullable(),
    connectedAt: z.iso.datetime(),
    lastValidatedAt: z.iso.datetime().nullable(),
    /** When Gong last answered about this key (connect or the daily health check), success or refusal. */
    lastCheckedAt: z.iso.datetime().nullable(),
    /** The Gong company, by its workspaces; null for a connection made before Callmine read them. */
    gongWorkspaces: z.array(gongWorkspaceRef).nullable(),
    budget: gongBudgetView,
    /** OAuth only: the scopes Gong granted and when the current access token expires (the worker refreshes it). */
    scopes: z.array(z.string()).nullable(),
    tokenExpiresAt: z.iso.datetime().nullable(),
    attention: z.object({ reason: gongAttentionReason, detail: z.string() }).nullable(),
    version: z.number().int(),
  }),
]);
export type GongConnectionView = z.infer<typeof gongConnectionView>;

export const gongAuditAction = z.enum([
  'connected',
  'rotated',
  'method-switched',
  'company-changed',
  'company-change-held',
  'disconnected',
  'validation-failed',
  'consent-denied',
  'marked-needs-attention',
  'token-refreshed',
]);
export type GongAuditAction = z.infer<typeof gongAuditAction>;

export const gongAuditEntry = z.object({
  id: z.number().int(),
  action: gongAuditAction,
  method: gongMethod.nullable(),
  accessKeyHint: z.string().nullable(),
  actorName: z.string().nullable(),
  detail: z.string().nullable(),
  at: z.iso.datetime(),
});
export type GongAuditEntry = z.infer<typeof gongAuditEntry>;

/** Whether this Callmine has an OAuth app registered with Gong (the operator set the client id and secret). */
export const gongOAuthAvailability = z.object({ available: z.boolean() });

/** "Connect with OAuth"; `confirmCompanyChange` is the second click after the card explained a company change. */
export const gongOAuthStartInput = z.strictObject({ confirmCompanyChange: z.boolean().optional() });

/** Where "Connect with OAuth" sends the browser. */
export const gongOAuthStart = z.object({ authorizeUrl: z.url() });

/**
 * Gong scopes Callmine asks for: list users (the credential check), the company's workspaces (which company it
 * is), calls, and their transcripts.
 */
export const GONG_OAUTH_SCOPES = [
  'api:users:read',
  'api:workspaces:read',
  'api:calls:read:basic',
  'api:calls:read:extensive',
  'api:calls:read:transcript',
] as const;
