// The embedded key file: <data dir>/keyring.json, mode 0600, outside the database. Created atomically on first
// start (write a temp file, then link it into place, which fails if another process won the race).

import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { newKey } from './aes-gcm.ts';
import { VaultError } from './errors.ts';
import { checkKeyId, KeyRing, parseKeyMap } from './key-ring.ts';

export const KEY_FILE_NAME = 'keyring.json';
export const keyFilePath = (dataDir: string): string => join(dataDir, KEY_FILE_NAME);

const errorCode = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;

/** The file's JSON: {"activeKeyId": "...", "keys": {"<id>": "<base64 32 bytes>"}}. */
const serialize = (ring: KeyRing): string =>
  `${JSON.stringify({ activeKeyId: ring.activeKeyId, keys: ring.exportKeys() }, null, 2)}\n`;

/** Writes `text` to a new file at `path` with mode 0600, fsynced; fails if the file exists. */
export function writeSecretFileExclusive(path: string, text: string): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function tempPath(path: string): string {
  return `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

function readKeyFile(path: string): KeyRing {
  const stat = statSync(path);
  // Group/other access to a file of master keys is refused, not warned about: it is easy to fix and dangerous.
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
    throw new VaultError(
      'keyring-file',
      `The key file ${path} is readable by other users (mode ${(stat.mode & 0o777).toString(8)}). Run: chmod 600 ${path}`,
    );
  }
  const where = `The key file ${path}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new VaultError('keyring-file', `${where} is not valid JSON.`);
  }
  if (typeof parsed !== 'object' || parsed === null || !('activeKeyId' in parsed) || !('keys' in parsed)) {
    throw new VaultError('keyring-file', `${where} must hold {"activeKeyId": ..., "keys": {...}}.`);
  }
  const activeKeyId = checkKeyId(String(parsed.activeKeyId), where);
  const keys = parseKeyMap(JSON.stringify(parsed.keys), where);
  return new KeyRing(keys, activeKeyId, 'key-file', path);
}

export function readOrCreateKeyFile(path: string): { ring: KeyRing; created: boolean } {
  try {
    return { ring: readKeyFile(path), created: false };
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  const id = `local-${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`;
  const ring = new KeyRing(new Map([[id, newKey()]]), id, 'key-file', path);
  const temp = tempPath(path);
  writeSecretFileExclusive(temp, serialize(ring));
  try {
    linkSync(temp, path);
  } catch (error) {
    // Another process (server and worker starting together) created it first: use theirs.
    if (errorCode(error) !== 'EEXIST') throw error;
    return { ring: readKeyFile(path), created: false };
  } finally {
    unlinkSync(temp);
  }
  return { ring, created: true };
}

/** Replaces the key file with `ring` atomically (temp file + rename), keeping mode 0600. */
export function replaceKeyFile(path: string, ring: KeyRing): void {
  const temp = tempPath(path);
  writeSecretFileExclusive(temp, serialize(ring));
  renameSync(temp, path);
}

/** The CALLMINE_KEYRING value for `ring`, for writing to a 0600 file the operator loads into the secret manager. */
export const keyRingEnvValue = (ring: KeyRing): string => JSON.stringify(ring.exportKeys());
