// Sealing: what the server may do. Each secret gets its own random data key; the secret is encrypted under
// it and the data key is wrapped under the active master key. Nothing here returns a secret's plaintext.
import { gcmSeal, newKey } from './aes-gcm.ts';
import { dataKeyAad, type SealContext, secretAad } from './context.ts';
import { FORMAT_VERSION, formatEnvelope, parseEnvelope } from './envelope.ts';
import { VaultError } from './errors.ts';
import type { KeyProvider } from './key-provider.ts';

export interface Sealer {
  /** Encrypts UTF-8 text for the place `context` names; returns an envelope for a TEXT column. */
  seal(plaintext: string, context: SealContext): string;
  /**
   * Re-wraps the envelope's data key under the active master key. The secret's ciphertext is copied as is:
   * the secret itself is never decrypted. Returns the envelope unchanged when it already uses the active key.
   */
  rewrap(envelope: string, context: SealContext): string;
  readonly activeKeyId: string;
}

/** Text → UTF-8 bytes, refusing lone surrogates (TextEncoder would silently turn them into U+FFFD). */
function utf8(text: string): Uint8Array {
  if (typeof text !== 'string') throw new VaultError('invalid-context', 'Only text can be sealed.');
  const bytes = new Uint8Array(Buffer.from(text, 'utf8'));
  if (Buffer.from(bytes).toString('utf8') !== text) {
    throw new VaultError(
      'invalid-context',
      'The text to seal is not valid Unicode (it has a lone surrogate).',
    );
  }
  return bytes;
}

export function createSealer(keys: KeyProvider): Sealer {
  return {
    get activeKeyId() {
      return keys.activeKeyId;
    },

    seal(plaintext, context) {
      const aad = secretAad(FORMAT_VERSION, context);
      const keyId = keys.activeKeyId;
      const dataKey = newKey();
      const bytes = utf8(plaintext);
      try {
        const sealed = gcmSeal(dataKey, bytes, aad);
        const wrappedKey = keys.wrapDataKey(dataKey, dataKeyAad(FORMAT_VERSION, keyId, context));
        return formatEnvelope({ version: FORMAT_VERSION, keyId, wrappedKey, ...sealed });
      } finally {
        dataKey.fill(0);
        bytes.fill(0);
      }
    },

    rewrap(text, context) {
      const envelope = parseEnvelope(text);
      const keyId = keys.activeKeyId;
      if (envelope.keyId === keyId) return text;
      const dataKey = keys.unwrapDataKey(
        envelope.keyId,
        envelope.wrappedKey,
        dataKeyAad(envelope.version, envelope.keyId, context),
      );
      try {
        const wrappedKey = keys.wrapDataKey(dataKey, dataKeyAad(FORMAT_VERSION, keyId, context));
        return formatEnvelope({ ...envelope, version: FORMAT_VERSION, keyId, wrappedKey });
      } finally {
        dataKey.fill(0);
      }
    },
  };
}
