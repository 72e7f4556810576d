import type { GongAuth, RenewAuth } from './auth.ts';
import {
  type BaseUrlRules,
  type BaseUrlVerdict,
  GONG_DEFAULT_BASE_URL,
  normalizeGongBaseUrl,
} from './base-url.ts';
import { type BudgetStore, createDailyBudget, DEFAULT_DAILY_BUDGET } from './budget.ts';
import { type Clock, systemClock } from './clock.ts';
import { type CallsEndpoint, callsEndpoint } from './endpoints/calls.ts';
import { type TranscriptsEndpoint, transcriptsEndpoint } from './endpoints/transcripts.ts';
import { type UsersEndpoint, usersEndpoint } from './endpoints/users.ts';
import { type WorkspacesEndpoint, workspacesEndpoint } from './endpoints/workspaces.ts';
import { GongError } from './errors.ts';
import { createRateLimiter, DEFAULT_RATE_PER_SECOND, type RateLimiter } from './limiter.ts';
import { createRequester } from './requester.ts';
import { type BackoffPolicy, DEFAULT_BACKOFF } from './retry-timing.ts';
import { createTransport, type Transport } from './transport.ts';
import { type CheckResult, checkCredential, type ValidateResult, validateCredential } from './validate.ts';

// The composition point of packages/gong: one `Gong` per process holds the transport (connection pool and outbound
// rules), the per-credential limiter and the daily budget, and hands out clients bound to a base URL and credential.
// All configuration arrives here as options; this package never reads process.env.

export interface GongOptions {
  /** Used when a customer gives no base URL (config: CALLMINE_GONG_DEFAULT_BASE_URL). Must pass the base URL rule. */
  readonly defaultBaseUrl?: string;
  /** Development/tests only: exact extra origins (config: CALLMINE_GONG_ALLOWED_ORIGINS). Logged as a warning. */
  readonly allowedOrigins?: readonly string[];
  /** Requests per second per credential (Gong's default: 3). */
  readonly ratePerSecond?: number;
  /** Requests per UTC day per credential (Gong's default: 10,000). */
  readonly dailyBudget?: number;
  /** Where the daily counts live; in memory by default. */
  readonly budgetStore?: BudgetStore;
  /** Per attempt, connect to last byte, counting only time the event loop was free (default 10 s; wall cap 2×). */
  readonly timeoutMs?: number;
  /** Largest response accepted (default 32 MiB). */
  readonly maxResponseBytes?: number;
  /** Extra attempts after a 429, a 5xx or a transient network error (default 3). */
  readonly maxRetries?: number;
  /** A 429 asking to wait longer than this fails at once with `rate-limited` (default 60). */
  readonly maxRetryAfterSeconds?: number;
  readonly backoff?: BackoffPolicy;
  /** Share one limiter between several Gong instances of a process (normally one Gong per process is enough). */
  readonly limiter?: RateLimiter;
  readonly logger?: { warn(message: string): void };
  readonly clock?: Clock;
  /** Which UTC day the daily budget counts in (default: `clock`); a process on a pinned calendar passes its own. */
  readonly budgetClock?: Pick<Clock, 'now'>;
  readonly random?: () => number;
  /** Tests only: a ready-made transport. */
  readonly transport?: Transport;
}

export interface GongClientOptions {
  /** The customer's base URL as entered or as OAuth's api_base_url_for_customer; blank means the default. */
  readonly baseUrl?: string;
  /**
   * Keys the limiter and the daily budget alike: one per Gong company credential, the same in every process (the
   * server's validations and the worker's runs: limiter-key.ts). Not secret.
   */
  readonly credentialId: string;
  /** Produces the Authorization header at request time (see basicAuth, bearerAuth). */
  readonly auth: GongAuth;
  /** Optional: renew after a 401 and retry the request once (the worker's OAuth refresh). */
  readonly renewAuth?: RenewAuth;
}

export interface GongClient {
  /** The bare origin requests go to. */
  readonly origin: string;
  readonly users: UsersEndpoint;
  readonly calls: CallsEndpoint;
  readonly transcripts: TranscriptsEndpoint;
  readonly workspaces: WorkspacesEndpoint;
  /** Does this credential work at this base URL, and which company's workspaces does it see? Two reads. Never
   * throws a GongError; returns it. */
  validate(): Promise<ValidateResult>;
  /** The health check: one cheap read. Never throws a GongError; returns it. */
  check(): Promise<CheckResult>;
}

export interface Gong {
  readonly rules: BaseUrlRules;
  normalizeBaseUrl(input: string | undefined): BaseUrlVerdict;
  /** Throws GongError('base-url-not-allowed') for a base URL outside the rule; nothing is sent. */
  client(options: GongClientOptions): GongClient;
  /** Like client(options).validate(), but a refused base URL is returned as a failure too (with no connection). */
  validate(options: GongClientOptions): Promise<ValidateResult>;
  remainingBudget(credentialId: string): Promise<number>;
  close(): Promise<void>;
}

export function createGong(options: GongOptions = {}): Gong {
  const rules: BaseUrlRules = {
    defaultBaseUrl: options.defaultBaseUrl ?? GONG_DEFAULT_BASE_URL,
    allowedOrigins: options.allowedOrigins ?? [],
  };
  if (!normalizeGongBaseUrl(undefined, rules).ok) {
    throw new Error(
      'The default Gong base URL must be https://api.gong.io, a *.api.gong.io origin or a listed origin.',
    );
  }
  if (rules.allowedOrigins.length > 0) {
    (options.logger ?? console).warn(
      `Gong: extra allowed origins are set (${rules.allowedOrigins.join(', ')}). They skip the Gong host rule and the ` +
        'address check, so credentials may be sent there. Development and tests only.',
    );
  }
  const clock = options.clock ?? systemClock;
  const transport =
    options.transport ??
    createTransport({
      allowedOrigins: rules.allowedOrigins,
      timeoutMs: options.timeoutMs,
      maxResponseBytes: options.maxResponseBytes,
    });
  const limiter =
    options.limiter ??
    createRateLimiter({ ratePerSecond: options.ratePerSecond ?? DEFAULT_RATE_PER_SECOND, clock });
  const budget = createDailyBudget({
    limit: options.dailyBudget ?? DEFAULT_DAILY_BUDGET,
    store: options.budgetStore,
    clock: options.budgetClock ?? clock,
  });
  const retry = {
    maxRetries: options.maxRetries ?? 3,
    maxRetryAfterSeconds: options.maxRetryAfterSeconds ?? 60,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    random: options.random ?? Math.random,
  };

  const client = (clientOptions: GongClientOptions): GongClient => {
    const verdict = normalizeGongBaseUrl(clientOptions.baseUrl, rules);
    if (!verdict.ok) throw new GongError('base-url-not-allowed', { detail: verdict.reason });
    const { origin } = verdict;
    const send = createRequester({
      origin,
      credentialId: clientOptions.credentialId,
      budgetKey: clientOptions.credentialId,
      auth: clientOptions.auth,
      ...(clientOptions.renewAuth ? { renewAuth: clientOptions.renewAuth } : {}),
      transport,
      limiter,
      budget,
      clock,
      retry,
    });
    return {
      origin,
      users: usersEndpoint(send),
      calls: callsEndpoint(send),
      transcripts: transcriptsEndpoint(send),
      workspaces: workspacesEndpoint(send),
      validate: () => validateCredential(send, origin),
      check: () => checkCredential(send),
    };
  };

  return {
    rules,
    normalizeBaseUrl: (input) => normalizeGongBaseUrl(input, rules),
    client,
    async validate(clientOptions) {
      let bound: GongClient;
      try {
        bound = client(clientOptions);
      } catch (error) {
        if (error instanceof GongError) return { ok: false, error };
        throw error;
      }
      return bound.validate();
    },
    remainingBudget: (credentialId) => budget.remaining(credentialId),
    close: () => transport.close(),
  };
}
