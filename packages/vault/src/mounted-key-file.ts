// A key ring from a mounted secret file (CALLMINE_KEYRING_FILE): how Docker and Kubernetes secrets and Vault Agent
// hand secrets to a process. Read once at start. Refused when group or others may read it (a secret file is the
// owner's alone), and every refusal names the variable and the path — never a byte of the file.
import { readFileSync, statSync } from 'node:fs';
import { VaultError } from './errors.ts';
import { KeyRing, parseKeyMap } from './key-ring.ts';

export const KEYRING_FILE_VARIABLE = 'CALLMINE_KEYRING_FILE';

const errorCode = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;

/**
 * The file holds the same JSON as CALLMINE_KEYRING ({"<key id>": "<base64 32 bytes>", ...}), or the embedded key
 * file's shape ({"activeKeyId": "...", "keys": {...}}). With several keys and no activeKeyId in the file,
 * CALLMINE_ACTIVE_KEY_ID names the active one.
 */
export function readMountedKeyRing(path: string, activeKeyId: string | undefined): KeyRing {
  const where = `${KEYRING_FILE_VARIABLE} (${path})`;
  let mode: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new VaultError('invalid-keyring', `${where} is not a regular file.`);
    mode = stat.mode;
  } catch (error) {
    if (error instanceof VaultError) throw error;
    throw new VaultError(
      'invalid-keyring',
      `${where} cannot be read (${errorCode(error) ?? 'error'}). Check the path and that the secret is mounted.`,
    );
  }
  if ((mode & 0o077) !== 0) {
    throw new VaultError(
      'invalid-keyring',
      `${where} is readable by group or others (mode ${(mode & 0o777).toString(8).padStart(4, '0')}). ` +
        'Make it readable by the Callmine user only (chmod 600, or defaultMode: 0400 for a Kubernetes secret).',
    );
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new VaultError('invalid-keyring', `${where} cannot be read (${errorCode(error) ?? 'error'}).`);
  }
  const { keysText, fileActive } = splitFileShape(text, where);
  const keys = parseKeyMap(keysText, where);
  const active = activeKeyId ?? fileActive ?? (keys.size === 1 ? [...keys.keys()][0] : undefined);
  if (active === undefined) {
    throw new VaultError(
      'invalid-keyring',
      `${where} holds several keys: set CALLMINE_ACTIVE_KEY_ID to one of its ids (${[...keys.keys()].join(', ')}).`,
    );
  }
  if (!keys.has(active)) {
    throw new VaultError(
      'invalid-keyring',
      `The active key id "${active}" is not in ${where} (ids: ${[...keys.keys()].join(', ')}).`,
    );
  }
  return new KeyRing(keys, active, 'CALLMINE_KEYRING_FILE', path);
}

/** The embedded key file's shape carries its active key id; the env variable's shape is the key map itself. */
function splitFileShape(text: string, where: string): { keysText: string; fileActive: string | undefined } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // parseKeyMap reports invalid JSON with the variable and path only.
    return { keysText: text, fileActive: undefined };
  }
  if (parsed && typeof parsed === 'object' && 'keys' in parsed && typeof parsed.keys === 'object') {
    const active = 'activeKeyId' in parsed ? parsed.activeKeyId : undefined;
    if (active !== undefined && typeof active !== 'string') {
      throw new VaultError('invalid-keyring', `${where}: activeKeyId must be a string.`);
    }
    return { keysText: JSON.stringify(parsed.keys), fileActive: active };
  }
  return { keysText: text, fileActive: undefined };
}

/** Where the keys came from, for `npm run keys -- status` and start-up logs: a variable, a path, never a key. */
export function describeKeySource(ring: KeyRing): string {
  switch (ring.origin) {
    case 'CALLMINE_KEYRING':
      return 'environment variable CALLMINE_KEYRING';
    case 'CALLMINE_MASTER_KEY':
      return 'environment variable CALLMINE_MASTER_KEY';
    case 'CALLMINE_KEYRING_FILE':
      return `mounted secret file ${ring.filePath} (CALLMINE_KEYRING_FILE)`;
    case 'key-file':
      return `embedded key file ${ring.filePath}`;
  }
}
