// AES-256-GCM through node-forge, on bytes. The only place the vault touches a cipher.
// Rules from docs/security: 96-bit CSPRNG IVs, a tag length fixed here (never read from stored data),
// and a failed `finish()` throws before any plaintext leaves this module.
import { randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { VaultError } from './errors.ts';

export const KEY_BYTES = 32;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
const TAG_BITS = TAG_BYTES * 8;

export interface Sealed {
  iv: Uint8Array;
  ciphertext: Uint8Array;
  tag: Uint8Array;
}

/** Bytes → forge's "binary string" (one char per byte, code points 0–255). */
const toForge = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
const fromForge = (binary: string): Uint8Array => new Uint8Array(Buffer.from(binary, 'latin1'));

function checkKey(key: Uint8Array): void {
  // A wrong-length key would silently select AES-128/192 in forge.
  if (key.length !== KEY_BYTES)
    throw new VaultError('invalid-keyring', 'An AES-256 key must be exactly 32 bytes.');
}

/** Fresh 96-bit IV from node:crypto's CSPRNG: random IVs are safe far beyond our volume (NIST SP 800-38D 8.3). */
export const newIv = (): Uint8Array => new Uint8Array(randomBytes(IV_BYTES));
/** Fresh 256-bit key from node:crypto's CSPRNG. */
export const newKey = (): Uint8Array => new Uint8Array(randomBytes(KEY_BYTES));

/** Encrypts `plaintext` under `key` with a fresh IV (or the one given, for known-answer tests only). */
export function gcmSeal(
  key: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
  iv: Uint8Array = newIv(),
): Sealed {
  checkKey(key);
  if (iv.length !== IV_BYTES) throw new VaultError('invalid-envelope', 'The IV must be 96 bits.');
  const cipher = forge.cipher.createCipher('AES-GCM', toForge(key));
  cipher.start({ iv: toForge(iv), additionalData: toForge(aad), tagLength: TAG_BITS });
  cipher.update(forge.util.createBuffer(toForge(plaintext)));
  if (!cipher.finish()) throw new VaultError('authentication-failed', 'Encryption failed.');
  return { iv, ciphertext: fromForge(cipher.output.getBytes()), tag: fromForge(cipher.mode.tag.getBytes()) };
}

/**
 * Decrypts and authenticates. Throws `authentication-failed` on a wrong key, a changed byte or AAD; forge
 * leaves the unauthenticated plaintext in `output` when `finish()` returns false, so it is never read then.
 */
export function gcmOpen(key: Uint8Array, sealed: Sealed, aad: Uint8Array): Uint8Array {
  checkKey(key);
  // Checked here rather than trusting forge: a shorter stored tag must never lower the bar.
  if (sealed.iv.length !== IV_BYTES || sealed.tag.length !== TAG_BYTES) {
    throw new VaultError('authentication-failed', 'The envelope failed authentication.');
  }
  const decipher = forge.cipher.createDecipher('AES-GCM', toForge(key));
  decipher.start({
    iv: toForge(sealed.iv),
    additionalData: toForge(aad),
    tagLength: TAG_BITS,
    tag: forge.util.createBuffer(toForge(sealed.tag)),
  });
  decipher.update(forge.util.createBuffer(toForge(sealed.ciphertext)));
  const authentic = decipher.finish();
  if (!authentic) {
    decipher.output.clear();
    throw new VaultError('authentication-failed', 'The envelope failed authentication.');
  }
  return fromForge(decipher.output.getBytes());
}
