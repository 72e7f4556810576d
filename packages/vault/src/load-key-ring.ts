// Builds the KeyRing from the raw secret-manager values the config module read (this package never reads
// process.env), or from the embedded key file when none is set.
import { VaultError } from './errors.ts';
import { keyFilePath, readOrCreateKeyFile } from './key-file.ts';
import { checkKeyId, decodeKey, KeyRing, parseKeyMap } from './key-ring.ts';
import { readMountedKeyRing } from './mounted-key-file.ts';

/**
 * Raw values of CALLMINE_KEYRING, CALLMINE_KEYRING_FILE (a path), CALLMINE_ACTIVE_KEY_ID and CALLMINE_MASTER_KEY
 * (undefined when unset).
 */
export interface KeyRingSource {
  keyring?: string | undefined;
  keyringFile?: string | undefined;
  activeKeyId?: string | undefined;
  masterKey?: string | undefined;
}

export interface KeyRingOptions {
  /** Where the embedded key file lives when no key is configured. */
  dataDir: string;
  warn(message: string): void;
}

/** The id a lone CALLMINE_MASTER_KEY gets unless CALLMINE_ACTIVE_KEY_ID names it. */
export const DEFAULT_MASTER_KEY_ID = 'master';

function present(name: string, value: string | undefined): value is string {
  if (value === undefined) return false;
  // An empty value usually means the secret manager failed to inject it: refuse rather than fall back.
  if (value.trim() === '') throw new VaultError('invalid-keyring', `${name} is set but empty.`);
  return true;
}

export function loadKeyRing(source: KeyRingSource, options: KeyRingOptions): KeyRing {
  const hasRing = present('CALLMINE_KEYRING', source.keyring);
  const hasMaster = present('CALLMINE_MASTER_KEY', source.masterKey);
  const active = present('CALLMINE_ACTIVE_KEY_ID', source.activeKeyId)
    ? checkKeyId(source.activeKeyId.trim(), 'CALLMINE_ACTIVE_KEY_ID')
    : undefined;

  const hasFile = present('CALLMINE_KEYRING_FILE', source.keyringFile);

  if ([hasRing, hasMaster, hasFile].filter(Boolean).length > 1) {
    throw new VaultError(
      'invalid-keyring',
      'Set one of CALLMINE_KEYRING, CALLMINE_KEYRING_FILE or CALLMINE_MASTER_KEY, not several.',
    );
  }

  if (hasFile) return readMountedKeyRing((source.keyringFile as string).trim(), active);

  if (hasRing) {
    const keys = parseKeyMap(source.keyring as string, 'CALLMINE_KEYRING');
    if (active === undefined && keys.size > 1) {
      throw new VaultError(
        'invalid-keyring',
        'CALLMINE_KEYRING holds several keys: set CALLMINE_ACTIVE_KEY_ID to one of its ids.',
      );
    }
    const activeKeyId = active ?? [...keys.keys()][0]!;
    if (!keys.has(activeKeyId)) {
      throw new VaultError(
        'invalid-keyring',
        `CALLMINE_ACTIVE_KEY_ID "${activeKeyId}" is not in CALLMINE_KEYRING (ids: ${[...keys.keys()].join(', ')}).`,
      );
    }
    return new KeyRing(keys, activeKeyId, 'CALLMINE_KEYRING');
  }

  if (hasMaster) {
    const id = active ?? DEFAULT_MASTER_KEY_ID;
    return new KeyRing(
      new Map([[id, decodeKey(source.masterKey, 'CALLMINE_MASTER_KEY')]]),
      id,
      'CALLMINE_MASTER_KEY',
    );
  }

  const path = keyFilePath(options.dataDir);
  const { ring, created } = readOrCreateKeyFile(path);
  options.warn(
    `${created ? 'Created' : 'Using'} the embedded key file ${path} (mode 0600) because none of CALLMINE_KEYRING, ` +
      'CALLMINE_KEYRING_FILE or CALLMINE_MASTER_KEY is set. Production should supply keys from its secret manager; keep this file out of backups of the database.',
  );
  if (active !== undefined && active !== ring.activeKeyId) {
    throw new VaultError(
      'invalid-keyring',
      `CALLMINE_ACTIVE_KEY_ID "${active}" does not match the key file's active key "${ring.activeKeyId}". Unset it, or use CALLMINE_KEYRING.`,
    );
  }
  return ring;
}
