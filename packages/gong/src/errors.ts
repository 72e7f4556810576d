// The failures a UI can explain, each with one fixed sentence. Messages never contain request headers, credential
// material or response bodies; the low-level cause lives in a non-enumerable `detail` for logs only.

export type GongErrorKind =
  | 'invalid-credentials'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'unavailable'
  | 'unreachable'
  | 'base-url-not-allowed'
  | 'bad-response'
  | 'budget-exhausted';

export const gongErrorMessages: Record<GongErrorKind, string> = {
  'invalid-credentials':
    'Gong did not accept these credentials. Check the access key and secret, and that the base URL is the one Gong gave you.',
  forbidden: 'These credentials are valid but lack the permission or scope for this Gong data.',
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

export function isGongError(value: unknown): value is GongError {
  return value instanceof GongError;
}
