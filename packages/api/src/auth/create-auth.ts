import { type Db, type DisablableStorage, registerContextStorages, withContextStorage } from '@callmine/db';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { organization } from 'better-auth/plugins';

export interface AuthOptions {
  db: Db;
  /** Signs session cookies; from the secret manager or the data dir, never the database. */
  secret: string;
  /** The public origin Callmine is served at; https here turns on Secure cookies. */
  publicUrl: string;
  sessionTtlSeconds: number;
  /** better-auth's own diagnostics, routed into our redacting logger instead of the console. */
  log: (level: 'debug' | 'info' | 'warn' | 'error' | 'success', message: string) => void;
}

/**
 * better-auth owns passwords (scrypt), sessions and workspaces (its "organizations").
 * Its HTTP handler is never mounted: every call goes through our tRPC procedures, so sign-up is only reachable
 * through setup and invitations, and each rule lives in one place.
 */
export function createAuth(options: AuthOptions) {
  return withStoragesReleased(configuredAuth(options));
}

function configuredAuth(options: AuthOptions) {
  const secure = new URL(options.publicUrl).protocol === 'https:';
  return betterAuth({
    appName: 'Callmine',
    secret: options.secret,
    baseURL: options.publicUrl,
    trustedOrigins: [new URL(options.publicUrl).origin],
    // The adapter's SQL follows the dialect the data layer opened (better-auth's 'pg' on PostgreSQL).
    database: drizzleAdapter(options.db, {
      provider: options.db.dialect === 'postgres' ? 'pg' : 'sqlite',
      schema: options.db.tables,
    }),
    emailAndPassword: { enabled: true, minPasswordLength: 12, maxPasswordLength: 128, autoSignIn: true },
    session: {
      expiresIn: options.sessionTtlSeconds,
      // Refresh the expiry at most daily (or at a tenth of a short TTL) while the user keeps working.
      updateAge: Math.min(86_400, Math.max(60, Math.floor(options.sessionTtlSeconds / 10))),
    },
    advanced: {
      cookiePrefix: 'callmine',
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure, path: '/' },
    },
    telemetry: { enabled: false },
    logger: { log: (level, message) => options.log(level, message) },
    plugins: [
      organization({
        // Workspaces are created only by setup (a server-side system action).
        allowUserToCreateOrganization: false,
        creatorRole: 'owner',
        invitationExpiresIn: 7 * 24 * 3600,
        cancelPendingInvitationsOnReInvite: true,
      }),
    ],
  });
}

export type CallmineAuth = ReturnType<typeof configuredAuth>;

/** Where better-auth keeps its AsyncLocalStorages (made on first use, one set per process). */
const BETTER_AUTH_GLOBAL = Symbol.for('better-auth:global');
const BETTER_AUTH_STORAGES = [
  'endpointContextAsyncStorage',
  'requestStateAsyncStorage',
  'adapterAsyncStorage',
];
registerContextStorages(() => {
  const context = (globalThis as Record<symbol, { context?: Record<string, unknown> } | undefined>)[
    BETTER_AUTH_GLOBAL
  ]?.context;
  return BETTER_AUTH_STORAGES.map((name) => context?.[name] as DisablableStorage | undefined);
});

/**
 * Every `auth.api` call runs inside better-auth's AsyncLocalStorages (its endpoint context, request state and
 * adapter): each counts as work that needs them, so they are disabled again once no call is under way (see
 * @callmine/db's context-storage.ts: enabled storages cost every promise of every request). better-auth awaits its
 * own background work unless a background-task handler is configured (none is), so nothing of a call outlives it.
 */
function withStoragesReleased(auth: CallmineAuth): CallmineAuth {
  const api = new Proxy(auth.api, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => withContextStorage(() => value.apply(target, args));
    },
  });
  return Object.assign(Object.create(Object.getPrototypeOf(auth)), auth, { api });
}
