// Master keys held in process memory, loaded from the secret manager (passed in by the config module) or,
// on a fresh machine with none configured, from <data dir>/keyring.json. Key bytes never appear in an
// error, a log line, JSON.stringify or util.inspect of the ring.
import { inspect } from 'node:util';
import { gcmOpen, gcmSeal, IV_BYTES, KEY_BYTES, newKey, TAG_BYTES } from './aes-gcm.ts';
import { VaultError } from './errors.ts';
import { KEY_ID_PATTERN, type KeyProvider } from './key-provider.ts';

export type KeyRingOrigin = 'CALLMINE_KEYRING' | 'CALLMINE_KEYRING_FILE' | 'CALLMINE_MASTER_KEY' | 'key-file';

export class KeyRing implements KeyProvider {
  readonly activeKeyId: string;
  readonly origin: KeyRingOrigin;
  /** Set when the ring came from a file: the embedded key file or a mounted secret file. */
  readonly filePath: string | undefined;
  readonly #keys: ReadonlyMap<string, Uint8Array>;

  constructor(
    keys: ReadonlyMap<string, Uint8Array>,
    activeKeyId: string,
    origin: KeyRingOrigin,
    filePath?: string,
  ) {
    for (const [id, key] of keys) {
      if (!KEY_ID_PATTERN.test(id))
        throw new VaultError('invalid-keyring', `Key id "${id}" is not [A-Za-z0-9_-]{1,64}.`);
      if (key.length !== KEY_BYTES) throw new VaultError('invalid-keyring', `Key "${id}" is not 32 bytes.`);
    }
    if (!keys.has(activeKeyId)) {
      throw new VaultError('invalid-keyring', `The active key id "${activeKeyId}" is not in the key ring.`);
    }
    this.#keys = new Map([...keys].map(([id, key]) => [id, key.slice()]));
    this.activeKeyId = activeKeyId;
    this.origin = origin;
    this.filePath = filePath;
  }

  keyIds(): readonly string[] {
    return [...this.#keys.keys()];
  }

  has(keyId: string): boolean {
    return this.#keys.has(keyId);
  }

  #key(keyId: string): Uint8Array {
    const key = this.#keys.get(keyId);
    if (!key) throw new VaultError('unknown-key', `Master key "${keyId}" is not in the key ring.`);
    return key;
  }

  /** Wrapped form: IV (12) ‖ encrypted data key (32) ‖ tag (16). */
  wrapDataKey(dataKey: Uint8Array, aad: Uint8Array): Uint8Array {
    const sealed = gcmSeal(this.#key(this.activeKeyId), dataKey, aad);
    return new Uint8Array([...sealed.iv, ...sealed.ciphertext, ...sealed.tag]);
  }

  unwrapDataKey(keyId: string, wrapped: Uint8Array, aad: Uint8Array): Uint8Array {
    const key = this.#key(keyId);
    if (wrapped.length !== IV_BYTES + KEY_BYTES + TAG_BYTES) {
      throw new VaultError('authentication-failed', 'The envelope failed authentication.');
    }
    const dataKey = gcmOpen(
      key,
      {
        iv: wrapped.subarray(0, IV_BYTES),
        ciphertext: wrapped.subarray(IV_BYTES, IV_BYTES + KEY_BYTES),
        tag: wrapped.subarray(IV_BYTES + KEY_BYTES),
      },
      aad,
    );
    if (dataKey.length !== KEY_BYTES)
      throw new VaultError('authentication-failed', 'The envelope failed authentication.');
    return dataKey;
  }

  /** A new ring with `keyId` added as a fresh random key and made active (for `keys add`). */
  withNewActiveKey(keyId: string): KeyRing {
    if (this.#keys.has(keyId))
      throw new VaultError('invalid-keyring', `Key id "${keyId}" is already in the key ring.`);
    return new KeyRing(new Map([...this.#keys, [keyId, newKey()]]), keyId, this.origin, this.filePath);
  }

  /** A new ring without `keyId` (for `keys retire`); the active key can't be removed. */
  without(keyId: string): KeyRing {
    if (keyId === this.activeKeyId) throw new VaultError('key-in-use', `Key "${keyId}" is the active key.`);
    const keys = new Map(this.#keys);
    keys.delete(keyId);
    return new KeyRing(keys, this.activeKeyId, this.origin, this.filePath);
  }

  /**
   * The ring's keys as base64, for writing a key file or a CALLMINE_KEYRING value. The only way key bytes
   * leave this object; callers write the result to a 0600 file, never to a log or the database.
   */
  exportKeys(): Record<string, string> {
    return Object.fromEntries([...this.#keys].map(([id, key]) => [id, Buffer.from(key).toString('base64')]));
  }

  toJSON(): { activeKeyId: string; keyIds: readonly string[]; origin: KeyRingOrigin } {
    return { activeKeyId: this.activeKeyId, keyIds: this.keyIds(), origin: this.origin };
  }

  [inspect.custom](): string {
    return `KeyRing(${JSON.stringify(this.toJSON())})`;
  }
}

/** Decodes one base64 key, naming only the variable and the key id when it is wrong. */
export function decodeKey(text: unknown, where: string): Uint8Array {
  if (typeof text !== 'string')
    throw new VaultError('invalid-keyring', `${where}: the key must be a base64 string.`);
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(trimmed) || trimmed.length % 4 !== 0) {
    throw new VaultError('invalid-keyring', `${where}: the key is not standard base64 (A–Z a–z 0–9 + / =).`);
  }
  const bytes = Buffer.from(trimmed, 'base64');
  if (bytes.length !== KEY_BYTES) {
    throw new VaultError(
      'invalid-keyring',
      `${where}: the key must decode to 32 bytes (it decodes to ${bytes.length}). Generate one with: openssl rand -base64 32`,
    );
  }
  return new Uint8Array(bytes);
}

export function checkKeyId(id: string, where: string): string {
  if (!KEY_ID_PATTERN.test(id)) {
    throw new VaultError(
      'invalid-keyring',
      `${where}: key id "${id.slice(0, 64)}" must match [A-Za-z0-9_-]{1,64}.`,
    );
  }
  return id;
}

/**
 * Parses a JSON object of key id → base64 key. JSON.parse's own messages quote the input (which here is key
 * material), so its error is replaced, not wrapped.
 */
export function parseKeyMap(text: string, where: string): Map<string, Uint8Array> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new VaultError(
      'invalid-keyring',
      `${where} is not valid JSON. Expected {"<key id>": "<base64 32 bytes>", ...}.`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new VaultError(
      'invalid-keyring',
      `${where} must be a JSON object {"<key id>": "<base64 32 bytes>", ...}.`,
    );
  }
  const keys = new Map<string, Uint8Array>();
  for (const [id, value] of Object.entries(parsed)) {
    checkKeyId(id, where);
    keys.set(id, decodeKey(value, `${where} key "${id}"`));
  }
  if (keys.size === 0) throw new VaultError('invalid-keyring', `${where} holds no keys.`);
  return keys;
}
