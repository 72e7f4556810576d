// The only module that reads the environment. Read once at start-up; a bad value stops Callmine with a
// message naming the variable and what it accepts (never echoing a secret's value).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

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

const envSchema = z.object({
  PORT: port('PORT', 3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  CALLMINE_DATA_DIR: z.string().min(1).optional(),
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
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databasePath: string;
  /** Origin (and base) people reach Callmine at; cookies are Secure when it is https. */
  publicUrl: string;
  authSecret: string | undefined;
  sessionTtlSeconds: number;
  logLevel: (typeof logLevels)[number];
  bodyLimitBytes: number;
  webDistDir: string;
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
  const dataDir = resolve(e.CALLMINE_DATA_DIR ?? resolve(repoRoot, '.callmine'));
  const shownHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? '127.0.0.1' : e.HOST;
  const publicUrl = new URL(e.CALLMINE_PUBLIC_URL ?? `http://${shownHost}:${e.PORT}`).origin;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databasePath: resolve(dataDir, 'callmine.db'),
    publicUrl,
    authSecret: e.CALLMINE_AUTH_SECRET,
    sessionTtlSeconds: e.CALLMINE_SESSION_TTL_HOURS * 3600,
    logLevel: e.CALLMINE_LOG_LEVEL,
    bodyLimitBytes: e.CALLMINE_BODY_LIMIT_KB * 1024,
    webDistDir: resolve(repoRoot, 'apps/web/dist'),
  };
}
