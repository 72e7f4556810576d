// Opening: only the worker may do this (see import-boundary.test.ts). It unwraps the data key with exactly the
// master key the envelope names, then decrypts and authenticates the secret against its context.
import { gcmOpen } from '../aes-gcm.ts';
import { dataKeyAad, type SealContext, secretAad } from '../context.ts';
import { parseEnvelope } from '../envelope.ts';
import { VaultError } from '../errors.ts';
import type { KeyProvider } from '../key-provider.ts';

export interface Opener {
  /** Decrypts an envelope sealed for exactly `context`; throws VaultError (never returns garbage). */
  open(envelope: string, context: SealContext): string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export function createOpener(keys: KeyProvider): Opener {
  return {
    open(text, context) {
      const envelope = parseEnvelope(text);
      const dataKey = keys.unwrapDataKey(
        envelope.keyId,
        envelope.wrappedKey,
        dataKeyAad(envelope.version, envelope.keyId, context),
      );
      let bytes: Uint8Array | undefined;
      try {
        bytes = gcmOpen(dataKey, envelope, secretAad(envelope.version, context));
        return decoder.decode(bytes);
      } catch (error) {
        if (error instanceof VaultError) throw error;
        throw new VaultError('authentication-failed', 'The envelope did not decrypt to UTF-8 text.');
      } finally {
        dataKey.fill(0);
        bytes?.fill(0);
      }
    },
  };
}
