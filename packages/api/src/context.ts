import type { Db, Queues } from '@callmine/db';
import type { Sealer } from '@callmine/vault';
import { bearerToken, type TokenVerdict, verifyApiToken } from './auth/api-token.ts';
import { forwardCookies } from './auth/cookies.ts';
import type { CallmineAuth } from './auth/create-auth.ts';
import type { Membership } from './auth/membership.ts';
import { type AuthSession, resolveSession } from './auth/session-resolver.ts';
import { checkClientVersion } from './client-version.ts';
import type { GongGateway, GongOAuthApp } from './ports.ts';
import type { RateLimits } from './rate-limits/limits.ts';

/** What a procedure may log. A subset of pino's interface, so the api knows nothing of the logger behind it. */
export interface ApiLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Built once per process by the composition root. */
export interface ApiDeps {
  db: Db;
  /** The job queue (`openQueue`): the job table on SQLite, pg-boss on PostgreSQL. */
  queues: Queues;
  auth: CallmineAuth;
  logger: ApiLogger;
  /** The public origin, used to build links people copy (invitations). */
  publicUrl: string;
  now: () => Date;
  gong: GongGateway & { defaultBaseUrl: string };
  /** Null when the operator registered no OAuth app: the card shows OAuth disabled. */
  gongOAuth: GongOAuthApp | null;
  sealer: Pick<Sealer, 'seal'>;
  rateLimits: RateLimits;
  /** CALLMINE_WEBHOOK_ALLOWED_ORIGINS: development origins a webhook may use over http (empty in production). */
  webhooks: { allowedOrigins: readonly string[] };
  /** CALLMINE_MONTHLY_CALL_QUOTA: analysed calls per workspace per UTC month, unless an operator overrode it. */
  monthlyCallQuota: number;
  /** CALLMINE_SIGNUP: 'invite' (default) or 'open' (anyone signs up and gets a workspace of their own). */
  signup?: 'invite' | 'open';
}

export interface CreateContextOptions {
  deps: ApiDeps;
  /** Request headers (cookie, origin, authorization). */
  headers: Headers;
  /** Response headers the transport sends back (Set-Cookie, Retry-After). */
  resHeaders: Headers;
  /** The connecting peer's address (for per-IP limits); undefined when the transport has none. */
  clientIp?: string;
}

export interface Context {
  deps: ApiDeps;
  headers: Headers;
  resHeaders: Headers;
  clientIp: string | undefined;
  /** The signed-in person's session (better-auth's shape), or null. */
  session: AuthSession | null;
  /** Read with the session by the fast path (this request, not a cache); undefined: read them when needed. */
  memberships: Membership[] | undefined;
  /** Set when the request carries a Bearer token (then `session` is null). */
  bearer: TokenVerdict | undefined;
}

export async function createContext({
  deps,
  headers,
  resHeaders,
  clientIp,
}: CreateContextOptions): Promise<Context> {
  // First, before tokens, middleware or input parsing: an unsupported client gets one clear error for every call.
  checkClientVersion(headers);
  const presented = bearerToken(headers);
  if (presented !== undefined) {
    // A Bearer request is a script, not a browser: its token is the only principal; cookies are ignored.
    const bearer: TokenVerdict = await verifyApiToken(deps.db, presented, deps.now());
    return { deps, headers, resHeaders, clientIp, session: null, memberships: undefined, bearer };
  }
  // The common case (a valid, current session cookie) in one read; the session's memberships come with it.
  const fast = await resolveSession(deps.auth, deps.db, headers);
  if (fast) {
    const { session, memberships } = fast;
    return { deps, headers, resHeaders, clientIp, session, memberships, bearer: undefined };
  }
  // Everything else is better-auth's. returnHeaders: it may slide the session's expiry and re-set the cookie.
  const { headers: authHeaders, response: session } = await deps.auth.api.getSession({
    headers,
    returnHeaders: true,
  });
  forwardCookies(authHeaders, resHeaders);
  return { deps, headers, resHeaders, clientIp, session, memberships: undefined, bearer: undefined };
}
