// The failures a UI can explain, each with one fixed sentence. Messages never contain request headers, credential
// material or response bodies; the low-level cause lives in a non-enumerable `detail` for logs only.

export type GongErrorKind =
  | 'invalid-credentials'
  | 'company-inactive'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'unavailable'
  | 'unreachable'
  | 'base-url-not-allowed'
  | 'bad-response'
  | 'budget-exhausted';

export const gongErrorMessages: Record<GongErrorKind, string> = {
  // Gong answers 401 alike for a wrong secret, a revoked key and a key from another cluster: the message names all.
  'invalid-credentials':
    'Gong did not accept these credentials: the secret is wrong, the key was revoked in Gong, or the base URL is not the one Gong gave you.',
  'company-inactive':
    'Gong says this company is inactive. Its keys work again only when Gong reactivates it.',
  forbidden:
    'Gong accepted these credentials but they lack API permission (or the scope) for this Gong data.',
  'not-found': 'Gong could not find what was asked for.',
  'rate-limited': 'Gong is rate limiting requests for this account. Try again later.',
  unavailable: 'Gong is temporarily unavailable. Try again later.',
  // One sentence for DNS failures, refused or reset connections, TLS errors, timeouts and blocked addresses alike,
  // so the validate call cannot be used to probe which hosts or ports exist.
  unreachable: 'Could not reach Gong at this base URL.',
  'base-url-not-allowed': 'This base URL is not a Gong API address.',
  'bad-response': 'Gong sent a response Callmine could not understand.',
  'budget-exhausted': "Today's Gong request budget for this account is used up. Syncing resumes tomorrow.",
};

export interface GongErrorOptions {
  readonly status?: number;
  readonly requestId?: string;
  readonly retryAfterSeconds?: number;
  /** Internal, for logs: a short code such as 'ECONNREFUSED', 'timeout', 'redirect', 'schema: calls.0.id'. */
  readonly detail?: string;
}

export class GongError extends Error {
  readonly kind: GongErrorKind;
  readonly status?: number;
  readonly requestId?: string;
  readonly retryAfterSeconds?: number;
  /** Non-enumerable so it stays out of JSON, tRPC error shapes and default inspection. Never contains a secret. */
  declare readonly detail: string | undefined;

  constructor(kind: GongErrorKind, options: GongErrorOptions = {}) {
    super(gongErrorMessages[kind]);
    this.name = 'GongError';
    this.kind = kind;
    if (options.status !== undefined) this.status = options.status;
    if (options.requestId !== undefined) this.requestId = options.requestId;
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
    Object.defineProperty(this, 'detail', { value: options.detail, enumerable: false });
  }

  /** A log-friendly, secret-free summary. */
  toLog(): Record<string, string | number | undefined> {
    return {
      kind: this.kind,
      status: this.status,
      requestId: this.requestId,
      retryAfterSeconds: this.retryAfterSeconds,
      detail: this.detail,
    };
  }
}

/**
 * Gong's 401 for an inactive company carries it in `errors` (connectors that retried it burned their budget):
 * such a key must not be retried or refreshed, and it gets its own message.
 */
export function isCompanyInactive(errors: readonly string[]): boolean {
  return errors.some((text) => /\binactive\b/i.test(text) && /\bcompany\b/i.test(text));
}

export function isGongError(value: unknown): value is GongError {
  return value instanceof GongError;
}
