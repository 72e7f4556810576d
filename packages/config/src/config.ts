// The only module that reads the environment (for the server and the worker alike). Read once at start-up; a bad value stops Callmine with a
// message naming the variable and what it accepts (never echoing a secret's value).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { monthlyCallQuota } from './monthly-call-quota.ts';

// From a path string, not `new URL()`: under jsdom (component tests) URL is not Node's.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const port = (name: string, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number from 1 to 65535` })
    .int(`${name} must be a whole number from 1 to 65535`)
    .min(1, `${name} must be a whole number from 1 to 65535`)
    .max(65535, `${name} must be a whole number from 1 to 65535`)
    .default(fallback);

const intIn = (name: string, min: number, max: number, fallback: number) => {
  const message = `${name} must be a whole number from ${min} to ${max}`;
  return z.coerce
    .number({ error: message })
    .int(message)
    .min(min, message)
    .max(max, message)
    .default(fallback);
};

const envSchema = z.object({
  PORT: port('PORT', 3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  CALLMINE_DATA_DIR: z.string().min(1).optional(),
  // Never echoed: the URL usually holds the password.
  CALLMINE_DATABASE_URL: z
    .url({
      protocol: /^postgres(ql)?$/,
      error:
        'CALLMINE_DATABASE_URL must be a postgres:// or postgresql:// URL such as postgres://callmine@db:5432/callmine',
    })
    .optional(),
  CALLMINE_PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error: 'CALLMINE_PUBLIC_URL must be an http(s) URL such as https://callmine.example.com',
    })
    .optional(),
  CALLMINE_AUTH_SECRET: z
    .string()
    .min(32, 'CALLMINE_AUTH_SECRET must be at least 32 characters (e.g. `openssl rand -base64 32`)')
    .optional(),
  CALLMINE_SESSION_TTL_HOURS: z.coerce
    .number({ error: 'CALLMINE_SESSION_TTL_HOURS must be a whole number of hours from 1 to 2160' })
    .int('CALLMINE_SESSION_TTL_HOURS must be a whole number of hours from 1 to 2160')
    .min(1, 'CALLMINE_SESSION_TTL_HOURS must be a whole number of hours from 1 to 2160')
    .max(2160, 'CALLMINE_SESSION_TTL_HOURS must be a whole number of hours from 1 to 2160')
    .default(168),
  CALLMINE_LOG_LEVEL: z
    .enum(logLevels, { error: `CALLMINE_LOG_LEVEL must be one of ${logLevels.join(', ')}` })
    .default('info'),
  CALLMINE_BODY_LIMIT_KB: z.coerce
    .number({ error: 'CALLMINE_BODY_LIMIT_KB must be a whole number from 1 to 10240' })
    .int('CALLMINE_BODY_LIMIT_KB must be a whole number from 1 to 10240')
    .min(1, 'CALLMINE_BODY_LIMIT_KB must be a whole number from 1 to 10240')
    .max(10240, 'CALLMINE_BODY_LIMIT_KB must be a whole number from 1 to 10240')
    .default(256),
  CALLMINE_GONG_DEFAULT_BASE_URL: z
    .url({
      protocol: /^https?$/,
      error: 'CALLMINE_GONG_DEFAULT_BASE_URL must be an http(s) URL such as https://api.gong.io',
    })
    .optional(),
  CALLMINE_GONG_ALLOWED_ORIGINS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .url({
            protocol: /^https?$/,
            error:
              'CALLMINE_GONG_ALLOWED_ORIGINS must be a comma-separated list of origins such as http://127.0.0.1:4010',
          })
          .refine((v) => new URL(v).origin === v.replace(/\/$/, ''), {
            message:
              'CALLMINE_GONG_ALLOWED_ORIGINS entries must be bare origins (scheme, host, port), without a path',
          }),
      ),
    )
    .optional(),
  CALLMINE_WEBHOOK_ALLOWED_ORIGINS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .url({
            protocol: /^https?$/,
            error:
              'CALLMINE_WEBHOOK_ALLOWED_ORIGINS must be a comma-separated list of origins such as http://127.0.0.1:4020',
          })
          .refine((v) => new URL(v).origin === v.replace(/\/$/, ''), {
            message:
              'CALLMINE_WEBHOOK_ALLOWED_ORIGINS entries must be bare origins (scheme, host, port), without a path',
          }),
      ),
    )
    .optional(),
  CALLMINE_WEBHOOK_TIMEOUT_MS: intIn('CALLMINE_WEBHOOK_TIMEOUT_MS', 100, 60_000, 10_000),
  CALLMINE_WEBHOOK_RETRY_BASE_MS: intIn('CALLMINE_WEBHOOK_RETRY_BASE_MS', 10, 3_600_000, 30_000),
  CALLMINE_WEBHOOK_RETRY_MAX_GAP_MS: intIn('CALLMINE_WEBHOOK_RETRY_MAX_GAP_MS', 10, 86_400_000, 3_600_000),
  CALLMINE_WEBHOOK_RETRY_FOR_HOURS: intIn('CALLMINE_WEBHOOK_RETRY_FOR_HOURS', 24, 720, 72),
  CALLMINE_WEBHOOK_DISABLE_AFTER_HOURS: intIn('CALLMINE_WEBHOOK_DISABLE_AFTER_HOURS', 1, 720, 72),
  CALLMINE_WEBHOOK_POLL_MS: intIn('CALLMINE_WEBHOOK_POLL_MS', 10, 60_000, 1000),
  CALLMINE_GONG_TIMEOUT_MS: intIn('CALLMINE_GONG_TIMEOUT_MS', 100, 120_000, 10_000),
  // Backoff after a Gong 5xx (or a 429 without Retry-After): a random wait below min(cap, base · 2^attempt).
  CALLMINE_GONG_RETRY_BASE_MS: intIn('CALLMINE_GONG_RETRY_BASE_MS', 1, 60_000, 500),
  CALLMINE_GONG_RETRY_CAP_MS: intIn('CALLMINE_GONG_RETRY_CAP_MS', 1, 600_000, 8000),
  CALLMINE_GONG_REQUESTS_PER_SECOND: intIn('CALLMINE_GONG_REQUESTS_PER_SECOND', 1, 100, 3),
  CALLMINE_GONG_DAILY_BUDGET: intIn('CALLMINE_GONG_DAILY_BUDGET', 1, 10_000_000, 10_000),
  CALLMINE_GONG_CONNECT_ATTEMPTS_PER_MINUTE: intIn('CALLMINE_GONG_CONNECT_ATTEMPTS_PER_MINUTE', 1, 1000, 10),
  CALLMINE_WORKER_POLL_MS: intIn('CALLMINE_WORKER_POLL_MS', 10, 60_000, 1000),
  CALLMINE_ROLE: z
    .enum(['all', 'server', 'worker'], { error: 'CALLMINE_ROLE must be all (the default), server or worker' })
    .default('all'),
  CALLMINE_WORKER_HEALTH_PORT: z.coerce
    .number({ error: 'CALLMINE_WORKER_HEALTH_PORT must be a whole number from 1 to 65535' })
    .int('CALLMINE_WORKER_HEALTH_PORT must be a whole number from 1 to 65535')
    .min(1, 'CALLMINE_WORKER_HEALTH_PORT must be a whole number from 1 to 65535')
    .max(65_535, 'CALLMINE_WORKER_HEALTH_PORT must be a whole number from 1 to 65535')
    .optional(),
  CALLMINE_WORKER_LEASE_MS: intIn('CALLMINE_WORKER_LEASE_MS', 1000, 3_600_000, 30_000),
  CALLMINE_WORKER_CONCURRENCY: intIn('CALLMINE_WORKER_CONCURRENCY', 1, 1000, 100),
  CALLMINE_SCHEDULER_TICK_MS: intIn('CALLMINE_SCHEDULER_TICK_MS', 100, 600_000, 15_000),
  CALLMINE_API_TOKEN_CALLS_PER_MINUTE: intIn('CALLMINE_API_TOKEN_CALLS_PER_MINUTE', 1, 100_000, 600),
  CALLMINE_MONTHLY_CALL_QUOTA: monthlyCallQuota('CALLMINE_MONTHLY_CALL_QUOTA').default(1000),
  CALLMINE_SIGNUP: z
    .enum(['invite', 'open'], { error: 'CALLMINE_SIGNUP must be invite (the default) or open' })
    .default('invite'),
  CALLMINE_GONG_OAUTH_CLIENT_ID: z
    .string()
    .max(512, 'CALLMINE_GONG_OAUTH_CLIENT_ID must be at most 512 characters')
    .optional(),
  // Never echoed: a too-long value is reported by length only.
  CALLMINE_GONG_OAUTH_CLIENT_SECRET: z
    .string()
    .max(2048, 'CALLMINE_GONG_OAUTH_CLIENT_SECRET must be at most 2048 characters')
    .optional(),
  CALLMINE_GONG_OAUTH_AUTHORIZE_URL: z
    .url({
      protocol: /^https?$/,
      error:
        'CALLMINE_GONG_OAUTH_AUTHORIZE_URL must be an http(s) URL such as https://app.gong.io/oauth2/authorize',
    })
    .default('https://app.gong.io/oauth2/authorize'),
  CALLMINE_GONG_OAUTH_TOKEN_URL: z
    .url({
      protocol: /^https?$/,
      error:
        'CALLMINE_GONG_OAUTH_TOKEN_URL must be an http(s) URL such as https://app.gong.io/oauth2/generate-customer-token',
    })
    .default('https://app.gong.io/oauth2/generate-customer-token'),
});

/** Which processes this machine runs: both (`npm start`'s default), only the HTTP server, or only the worker. */
export type Role = 'all' | 'server' | 'worker';

/** True when `role` includes the process `app` (the server's and the worker's main.ts ask before starting). */
export function roleRuns(role: Role, app: 'server' | 'worker'): boolean {
  return role === 'all' || role === app;
}

export interface Config {
  /** CALLMINE_ROLE: a process whose app the role leaves out exits at once, saying so (see roleRuns). */
  role: Role;
  port: number;
  host: string;
  dataDir: string;
  databasePath: string;
  /** PostgreSQL instead of the SQLite file at `databasePath` (a secret: it usually holds the password). */
  databaseUrl: string | undefined;
  /** Origin (and base) people reach Callmine at; cookies are Secure when it is https. */
  publicUrl: string;
  authSecret: string | undefined;
  sessionTtlSeconds: number;
  logLevel: (typeof logLevels)[number];
  bodyLimitBytes: number;
  webDistDir: string;
  /** Procedure calls per API token per minute; past it a call gets TOO_MANY_REQUESTS with Retry-After. */
  apiTokenCallsPerMinute: number;
  /** Analysed calls per workspace per UTC month, unless an operator set the workspace's own (`npm run quota`). */
  monthlyCallQuota: number;
  /** invite: workspaces exist only by an operator's invitation; open: anyone signs up and gets a workspace. */
  signup: 'invite' | 'open';
  /** Raw key-ring values; `keyringFile` is CALLMINE_KEYRING_FILE's path (a mounted secret), read by the vault. */
  keyRingSource: { keyring?: string; keyringFile?: string; activeKeyId?: string; masterKey?: string };
  gong: {
    defaultBaseUrl: string;
    /** Development and tests only: exact origins that skip the Gong host rule and the address check. */
    allowedOrigins: string[];
    timeoutMs: number;
    /** Full-jitter backoff after a 5xx (or a 429 without Retry-After): a wait below min(capMs, baseMs · 2^attempt). */
    retryBackoff: { baseMs: number; capMs: number };
    requestsPerSecond: number;
    dailyBudget: number;
    /** Connect/replace attempts per workspace per minute: each one makes an outbound request. */
    connectAttemptsPerMinute: number;
    /** Callmine's OAuth app registered with Gong; null unless both client id and secret are set. */
    oauth: {
      clientId: string;
      /** A secret: same care as a Gong key. */
      clientSecret: string;
      authorizeUrl: string;
      tokenUrl: string;
      /** `<public URL>/integrations/gong/oauth/callback`, the redirect URI registered with Gong. */
      redirectUri: string;
    } | null;
  };
  webhooks: {
    /** Development and tests only: exact origins (http allowed) that skip the https rule and the address check. */
    allowedOrigins: string[];
    /** Deadline for one delivery attempt, connect to last response byte. */
    timeoutMs: number;
    /** The first retry waits about this long; each next one about twice as long (jittered), up to retryMaxGapMs. */
    retryBaseMs: number;
    retryMaxGapMs: number;
    /** A delivery is retried for this long after its event (at least 24 hours), then given up ('dead'). */
    retryForMs: number;
    /** An endpoint whose every attempt has failed for this long is disabled and the admin told. */
    disableAfterMs: number;
    /** How often the worker looks for due deliveries. */
    pollIntervalMs: number;
  };
  worker: {
    /** CALLMINE_WORKER_HEALTH_PORT: the worker answers GET /healthz on this port (127.0.0.1 unless HOST says
     *  otherwise); no listener when unset. */
    healthPort: number | undefined;
    /** How often an idle worker looks for a due job. */
    pollIntervalMs: number;
    /** A job whose lease is not renewed (heartbeat) within this long is taken over by another worker. */
    leaseMs: number;
    /** Jobs in flight at once in one worker process (each mostly waits on its own Gong credential's rate). */
    concurrency: number;
    /** How often the scheduler looks for due schedule slots (the claim, not this timer, makes a slot run once). */
    schedulerTickMs: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Callmine cannot start: invalid configuration.\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; blank values count as unset. Throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${String(issue.path[0])}: ${issue.message}`));
  }
  const e = parsed.data;
  if (Boolean(e.CALLMINE_GONG_OAUTH_CLIENT_ID) !== Boolean(e.CALLMINE_GONG_OAUTH_CLIENT_SECRET)) {
    throw new ConfigError([
      'CALLMINE_GONG_OAUTH_CLIENT_ID and CALLMINE_GONG_OAUTH_CLIENT_SECRET: set both (OAuth with Gong) or neither',
    ]);
  }
  const dataDir = resolve(e.CALLMINE_DATA_DIR ?? resolve(repoRoot, '.callmine'));
  const shownHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? '127.0.0.1' : e.HOST;
  const publicUrl = new URL(e.CALLMINE_PUBLIC_URL ?? `http://${shownHost}:${e.PORT}`).origin;
  return {
    role: e.CALLMINE_ROLE,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databasePath: resolve(dataDir, 'callmine.db'),
    databaseUrl: e.CALLMINE_DATABASE_URL,
    publicUrl,
    authSecret: e.CALLMINE_AUTH_SECRET,
    sessionTtlSeconds: e.CALLMINE_SESSION_TTL_HOURS * 3600,
    logLevel: e.CALLMINE_LOG_LEVEL,
    bodyLimitBytes: e.CALLMINE_BODY_LIMIT_KB * 1024,
    webDistDir: resolve(repoRoot, 'apps/web/dist'),
    apiTokenCallsPerMinute: e.CALLMINE_API_TOKEN_CALLS_PER_MINUTE,
    monthlyCallQuota: e.CALLMINE_MONTHLY_CALL_QUOTA,
    signup: e.CALLMINE_SIGNUP,
    // Raw, blanks included: a key variable that is set but empty means the secret manager failed to inject it,
    // and the vault refuses to start rather than fall back to the embedded key file.
    keyRingSource: {
      ...(env.CALLMINE_KEYRING !== undefined ? { keyring: env.CALLMINE_KEYRING } : {}),
      ...(env.CALLMINE_KEYRING_FILE !== undefined ? { keyringFile: env.CALLMINE_KEYRING_FILE } : {}),
      ...(env.CALLMINE_ACTIVE_KEY_ID !== undefined ? { activeKeyId: env.CALLMINE_ACTIVE_KEY_ID } : {}),
      ...(env.CALLMINE_MASTER_KEY !== undefined ? { masterKey: env.CALLMINE_MASTER_KEY } : {}),
    },
    gong: {
      defaultBaseUrl: new URL(e.CALLMINE_GONG_DEFAULT_BASE_URL ?? 'https://api.gong.io').origin,
      allowedOrigins: (e.CALLMINE_GONG_ALLOWED_ORIGINS ?? []).map((o) => new URL(o).origin),
      timeoutMs: e.CALLMINE_GONG_TIMEOUT_MS,
      retryBackoff: {
        baseMs: e.CALLMINE_GONG_RETRY_BASE_MS,
        capMs: Math.max(e.CALLMINE_GONG_RETRY_CAP_MS, e.CALLMINE_GONG_RETRY_BASE_MS),
      },
      requestsPerSecond: e.CALLMINE_GONG_REQUESTS_PER_SECOND,
      dailyBudget: e.CALLMINE_GONG_DAILY_BUDGET,
      connectAttemptsPerMinute: e.CALLMINE_GONG_CONNECT_ATTEMPTS_PER_MINUTE,
      oauth:
        e.CALLMINE_GONG_OAUTH_CLIENT_ID && e.CALLMINE_GONG_OAUTH_CLIENT_SECRET
          ? {
              clientId: e.CALLMINE_GONG_OAUTH_CLIENT_ID,
              clientSecret: e.CALLMINE_GONG_OAUTH_CLIENT_SECRET,
              authorizeUrl: e.CALLMINE_GONG_OAUTH_AUTHORIZE_URL,
              tokenUrl: e.CALLMINE_GONG_OAUTH_TOKEN_URL,
              redirectUri: `${publicUrl}/integrations/gong/oauth/callback`,
            }
          : null,
    },
    webhooks: {
      allowedOrigins: (e.CALLMINE_WEBHOOK_ALLOWED_ORIGINS ?? []).map((o) => new URL(o).origin),
      timeoutMs: e.CALLMINE_WEBHOOK_TIMEOUT_MS,
      retryBaseMs: e.CALLMINE_WEBHOOK_RETRY_BASE_MS,
      retryMaxGapMs: Math.max(e.CALLMINE_WEBHOOK_RETRY_MAX_GAP_MS, e.CALLMINE_WEBHOOK_RETRY_BASE_MS),
      retryForMs: e.CALLMINE_WEBHOOK_RETRY_FOR_HOURS * 3_600_000,
      disableAfterMs: e.CALLMINE_WEBHOOK_DISABLE_AFTER_HOURS * 3_600_000,
      pollIntervalMs: e.CALLMINE_WEBHOOK_POLL_MS,
    },
    worker: {
      healthPort: e.CALLMINE_WORKER_HEALTH_PORT,
      pollIntervalMs: e.CALLMINE_WORKER_POLL_MS,
      leaseMs: e.CALLMINE_WORKER_LEASE_MS,
      concurrency: e.CALLMINE_WORKER_CONCURRENCY,
      schedulerTickMs: e.CALLMINE_SCHEDULER_TICK_MS,
    },
  };
}
