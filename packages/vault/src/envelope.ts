// The text form of a sealed secret, stored in a TEXT column:
//
//   v1.<keyId>.<wrappedDataKey>.<iv>.<ciphertext>.<tag>      (binary parts base64url, no padding)
//
// Every format version starts with "<version>.<keyId>.", so the database can group rows by key id in SQL and
// opening picks its key by name. The GCM tag length is fixed in code (128 bits), never taken from here.
import { IV_BYTES, TAG_BYTES } from './aes-gcm.ts';
import { VaultError } from './errors.ts';
import { KEY_ID_PATTERN } from './key-provider.ts';

export const FORMAT_VERSION = 'v1';

export interface Envelope {
  version: typeof FORMAT_VERSION;
  keyId: string;
  wrappedKey: Uint8Array;
  iv: Uint8Array;
  ciphertext: Uint8Array;
  tag: Uint8Array;
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

function decodePart(text: string, name: string): Uint8Array {
  const bytes = Buffer.from(text, 'base64url');
  // Canonical only: one byte string has exactly one text form, so nothing can be smuggled in spare bits.
  if (!BASE64URL.test(text) || bytes.toString('base64url') !== text) {
    throw new VaultError('invalid-envelope', `The envelope's ${name} is not canonical base64url.`);
  }
  return new Uint8Array(bytes);
}

const encodePart = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64url');

/** "<version>.<keyId>." — the start every envelope sealed under `keyId` shares. */
export const envelopePrefix = (keyId: string): string => `${FORMAT_VERSION}.${keyId}.`;

/** Splits "<version>.<keyId>" (what the database groups by) into its parts, checking both. */
export function parseHeader(header: string): { version: string; keyId: string } {
  const [version, keyId, ...rest] = header.split('.');
  if (version !== FORMAT_VERSION) {
    throw new VaultError('unsupported-version', 'A stored envelope uses an unknown format version.');
  }
  if (keyId === undefined || !KEY_ID_PATTERN.test(keyId) || rest.length > 0) {
    throw new VaultError('invalid-envelope', 'A stored envelope has no valid key id.');
  }
  return { version, keyId };
}

export function parseEnvelope(text: string): Envelope {
  if (typeof text !== 'string') throw new VaultError('invalid-envelope', 'The envelope is not text.');
  const parts = text.split('.');
  const { keyId } = parseHeader(parts.slice(0, 2).join('.'));
  if (parts.length !== 6) throw new VaultError('invalid-envelope', 'The envelope does not have six parts.');
  const [, , wrappedKey, iv, ciphertext, tag] = parts as [string, string, string, string, string, string];
  const envelope: Envelope = {
    version: FORMAT_VERSION,
    keyId,
    wrappedKey: decodePart(wrappedKey, 'wrapped key'),
    iv: decodePart(iv, 'IV'),
    ciphertext: decodePart(ciphertext, 'ciphertext'),
    tag: decodePart(tag, 'tag'),
  };
  if (envelope.iv.length !== IV_BYTES)
    throw new VaultError('invalid-envelope', 'The envelope IV is not 96 bits.');
  if (envelope.tag.length !== TAG_BYTES)
    throw new VaultError('invalid-envelope', 'The envelope tag is not 128 bits.');
  if (envelope.wrappedKey.length === 0)
    throw new VaultError('invalid-envelope', 'The envelope has no wrapped key.');
  return envelope;
}

export function formatEnvelope(envelope: Envelope): string {
  return [
    envelope.version,
    envelope.keyId,
    encodePart(envelope.wrappedKey),
    encodePart(envelope.iv),
    encodePart(envelope.ciphertext),
    encodePart(envelope.tag),
  ].join('.');
}

/** The master key id an envelope names, without any cryptography. */
export const keyIdOf = (text: string): string => parseEnvelope(text).keyId;
