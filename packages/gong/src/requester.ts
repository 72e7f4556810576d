import type { z } from 'zod';
import type { GongAuth, RenewAuth } from './auth.ts';
import type { DailyBudget } from './budget.ts';
import type { Clock } from './clock.ts';
import { GongError, isCompanyInactive } from './errors.ts';
import type { RateLimiter } from './limiter.ts';
import { type BackoffPolicy, backoffDelayMs, parseRetryAfter } from './retry-timing.ts';
import type { Transport, TransportResponse } from './transport.ts';

// One Gong request, start to finish: budget, limiter slot, Authorization at request time, status → typed error,
// Retry-After on 429, full-jitter backoff on 5xx and on transient network errors, JSON + zod validation of the answer.

export interface RetryPolicy {
  /** Extra attempts after a 429, a 5xx or a transient network error (timeout, reset, refused). */
  readonly maxRetries: number;
  /** A longer Retry-After fails at once with `rate-limited` (it is Gong's daily limit, not a blip). */
  readonly maxRetryAfterSeconds: number;
  readonly backoff: BackoffPolicy;
  readonly random: () => number;
}

export interface RequesterContext {
  readonly origin: string;
  readonly credentialId: string;
  /** The daily budget's key (usually `credentialId`). */
  readonly budgetKey: string;
  readonly auth: GongAuth;
  readonly renewAuth?: RenewAuth;
  readonly transport: Transport;
  readonly limiter: RateLimiter;
  readonly budget: DailyBudget;
  readonly clock: Clock;
  readonly retry: RetryPolicy;
}

export interface GongRequest {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly json?: unknown;
}

export interface SendOptions {
  /** Gong answers 404 when a calls filter matches nothing: resolve undefined instead of failing. */
  readonly notFoundIsEmpty?: boolean;
  readonly maxRetries?: number;
  /** A person is waiting: if Gong has paused this key (Retry-After), fail with the wait instead of sleeping. */
  readonly failFastWhenPaused?: boolean;
}

export interface Send {
  <S extends z.ZodType>(
    request: GongRequest,
    schema: S,
    options: SendOptions & { notFoundIsEmpty: true },
  ): Promise<z.infer<S> | undefined>;
  <S extends z.ZodType>(request: GongRequest, schema: S, options?: SendOptions): Promise<z.infer<S>>;
}

export function createRequester(ctx: RequesterContext): Send {
  const send = async (
    request: GongRequest,
    schema: z.ZodType,
    options: SendOptions = {},
  ): Promise<unknown> => {
    const maxRetries = options.maxRetries ?? ctx.retry.maxRetries;
    // An OAuth access token can be refused before its stated expiry (revoked, clock skew): one renewal and one
    // retry per request, never a loop. It does not count as one of the 429/5xx retries.
    let renewed = false;
    for (let attempt = 0; ; attempt += 1) {
      // A long Retry-After (Gong's daily limit) fails fast, before spending budget, and again inside the limiter
      // for requests that were already queued when it arrived.
      // A person waiting on validate() gets the remaining wait at once instead of a spinner.
      const maxPauseMs = options.failFastWhenPaused ? 0 : ctx.retry.maxRetryAfterSeconds * 1000;
      const paused = ctx.limiter.pausedFor(ctx.credentialId);
      if (paused > maxPauseMs) {
        throw new GongError('rate-limited', {
          retryAfterSeconds: Math.ceil(paused / 1000),
          detail: 'key-paused',
        });
      }
      await ctx.budget.take(ctx.budgetKey);
      const release = await ctx.limiter.acquire(ctx.credentialId, maxPauseMs);
      let response: TransportResponse;
      let authorization: string;
      try {
        // Asked for only now, after any queueing, so a token refreshed meanwhile is the one sent.
        authorization = await ctx.auth();
        response = await ctx.transport.send({ ...request, origin: ctx.origin, authorization });
      } catch (error) {
        release();
        // A timeout or a dropped connection is a blip like a 5xx: back off (slot released) and try again. A person
        // waiting on validate() gets the error at once; blocked addresses and TLS failures are never retried.
        if (!options.failFastWhenPaused && attempt < maxRetries && isTransientNetworkError(error)) {
          await ctx.clock.sleep(backoffDelayMs(attempt, ctx.retry.backoff, ctx.retry.random));
          continue;
        }
        throw error;
      }
      release();

      const { status } = response;
      if (status >= 200 && status < 300) return parseBody(response, schema);
      if (status === 404 && options.notFoundIsEmpty) return undefined;

      // An inactive company is not a stale token: no renewal, no retry.
      const inactive = status === 401 && isCompanyInactive(errorTexts(response.text));
      if (inactive)
        throw new GongError('company-inactive', { status, requestId: errorRequestId(response.text) });
      if (status === 401 && ctx.renewAuth && !renewed) {
        renewed = true;
        if (await ctx.renewAuth(authorization)) {
          attempt -= 1;
          continue;
        }
      }
      const requestId = errorRequestId(response.text);
      const retriesLeft = attempt < maxRetries;
      if (status === 429) {
        const seconds = parseRetryAfter(response.retryAfter, ctx.clock.now());
        // Pause the whole key, so every request for this credential waits as Gong asked, not just this one.
        const waitMs =
          seconds !== undefined
            ? seconds * 1000
            : backoffDelayMs(attempt, ctx.retry.backoff, ctx.retry.random);
        ctx.limiter.pause(ctx.credentialId, waitMs);
        if (!retriesLeft || (seconds !== undefined && seconds > ctx.retry.maxRetryAfterSeconds)) {
          throw new GongError('rate-limited', { status, requestId, retryAfterSeconds: seconds });
        }
        continue;
      }
      if (status >= 500) {
        if (!retriesLeft) throw new GongError('unavailable', { status, requestId });
        await ctx.clock.sleep(backoffDelayMs(attempt, ctx.retry.backoff, ctx.retry.random));
        continue;
      }
      throw new GongError(errorKind(status), { status, requestId });
    }
  };
  return send as Send;
}

// Network failures worth another attempt (the transport's `detail` codes): the deadline, resets, refusals, sockets
// closed under us. Not EBLOCKED* (the address rule), TLS or DNS-name errors: those do not heal in seconds.
const TRANSIENT_NETWORK_DETAILS = new Set([
  'timeout',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

export function isTransientNetworkError(error: unknown): boolean {
  return (
    error instanceof GongError &&
    error.kind === 'unreachable' &&
    error.detail !== undefined &&
    TRANSIENT_NETWORK_DETAILS.has(error.detail)
  );
}

function errorKind(status: number) {
  if (status === 401) return 'invalid-credentials' as const;
  if (status === 403) return 'forbidden' as const;
  if (status === 404) return 'not-found' as const;
  // 400 and anything else unexpected: our request or Gong's answer is not what this client understands.
  return 'bad-response' as const;
}

function parseBody(response: TransportResponse, schema: z.ZodType): unknown {
  let json: unknown;
  try {
    json = JSON.parse(response.text);
  } catch {
    throw new GongError('bad-response', { status: response.status, detail: 'invalid-json' });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    // Only the path of the first problem (keys and indexes, never values) goes to the log detail.
    const path = parsed.error.issues[0]?.path.map(String).join('.') ?? '';
    throw new GongError('bad-response', {
      status: response.status,
      requestId: requestIdOf(json),
      detail: `schema:${path.slice(0, 200)}`,
    });
  }
  return parsed.data;
}

/** Gong's `errors` strings, for classification only: never put into a message or a log. */
function errorTexts(text: string): string[] {
  try {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === 'object' && 'errors' in json && Array.isArray(json.errors)) {
      return json.errors.filter((item): item is string => typeof item === 'string').slice(0, 10);
    }
  } catch {
    // not JSON: nothing to classify
  }
  return [];
}

function errorRequestId(text: string): string | undefined {
  try {
    return requestIdOf(JSON.parse(text));
  } catch {
    return undefined;
  }
}

function requestIdOf(json: unknown): string | undefined {
  if (json && typeof json === 'object' && 'requestId' in json) {
    const { requestId } = json as { requestId: unknown };
    if (typeof requestId === 'string' && requestId.length <= 200) return requestId;
  }
  return undefined;
}
