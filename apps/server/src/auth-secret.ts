import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The cookie-signing secret: from the secret manager (CALLMINE_AUTH_SECRET) when given, else an embedded
 * default generated once into the data dir with mode 0600 — never the database.
 */
export function resolveAuthSecret(
  configured: string | undefined,
  dataDir: string,
  warn: (message: string) => void,
): string {
  if (configured) return configured;
  const path = join(dataDir, 'auth-secret');
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    warn(
      `Generated a session-signing secret at ${path}. In production set CALLMINE_AUTH_SECRET from your secret manager.`,
    );
  }
  chmodSync(path, 0o600);
  return readFileSync(path, 'utf8').trim();
}
