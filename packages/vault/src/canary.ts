// A known value sealed under each master key, stored in vault_key_canary: at start-up it proves that the
// key bytes behind an id are the ones that sealed the data, before any credential is needed.
import { timingSafeEqual } from 'node:crypto';
import { gcmOpen } from './aes-gcm.ts';
import { dataKeyAad, type SealContext, secretAad } from './context.ts';
import { parseEnvelope } from './envelope.ts';
import type { KeyProvider } from './key-provider.ts';
import { createSealer } from './sealer.ts';

const CANARY_TEXT = 'callmine-vault-canary-v1';

const canaryContext = (keyId: string): SealContext => ({
  purpose: 'vault-canary',
  workspaceId: '-',
  credentialId: keyId,
  field: 'canary',
});

/** Seals the canary under the ring's active key. */
export const sealCanary = (keys: KeyProvider): string =>
  createSealer(keys).seal(CANARY_TEXT, canaryContext(keys.activeKeyId));

/** True when the canary opens with the ring's key of that id and holds the known value. Never throws. */
export function canaryMatches(keys: KeyProvider, keyId: string, text: string): boolean {
  try {
    const envelope = parseEnvelope(text);
    if (envelope.keyId !== keyId) return false;
    const context = canaryContext(keyId);
    const dataKey = keys.unwrapDataKey(
      keyId,
      envelope.wrappedKey,
      dataKeyAad(envelope.version, keyId, context),
    );
    const value = gcmOpen(dataKey, envelope, secretAad(envelope.version, context));
    dataKey.fill(0);
    const expected = Buffer.from(CANARY_TEXT, 'utf8');
    return value.length === expected.length && timingSafeEqual(value, expected);
  } catch {
    return false;
  }
}
