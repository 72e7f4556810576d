// The same envelope work done with plain node:crypto AES-256-GCM: the yardstick for node-forge's cost.
// Produces and reads the vault's exact v1 format (the vault's tests prove the two interoperate).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyProvider, SealContext } from '@callmine/vault';

const aad = (parts: string[]) => Buffer.from(JSON.stringify(['callmine-vault', 'v1', ...parts]), 'utf8');
const secretAad = (c: SealContext) => aad(['secret', c.purpose, c.workspaceId, c.credentialId, c.field]);
const dataKeyAad = (keyId: string, c: SealContext) =>
  aad(['data-key', keyId, c.purpose, c.workspaceId, c.credentialId, c.field]);

function encrypt(key: Uint8Array, plaintext: Uint8Array, additional: Uint8Array) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  cipher.setAAD(additional);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

function decrypt(
  key: Uint8Array,
  iv: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
  additional: Uint8Array,
) {
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  decipher.setAAD(additional);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

export function nodeSeal(
  keyId: string,
  masterKey: Uint8Array,
  plaintext: string,
  context: SealContext,
): string {
  const dataKey = randomBytes(32);
  const sealed = encrypt(dataKey, Buffer.from(plaintext, 'utf8'), secretAad(context));
  const wrapped = encrypt(masterKey, dataKey, dataKeyAad(keyId, context));
  const wrappedKey = Buffer.concat([wrapped.iv, wrapped.ciphertext, wrapped.tag]);
  return ['v1', keyId, b64(wrappedKey), b64(sealed.iv), b64(sealed.ciphertext), b64(sealed.tag)].join('.');
}

export function nodeOpen(
  masterKeys: Map<string, Uint8Array>,
  envelope: string,
  context: SealContext,
): string {
  const [, keyId, wrappedKey, iv, ciphertext, tag] = envelope.split('.') as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const wrapped = Buffer.from(wrappedKey, 'base64url');
  const dataKey = decrypt(
    masterKeys.get(keyId)!,
    wrapped.subarray(0, 12),
    wrapped.subarray(12, 44),
    wrapped.subarray(44),
    dataKeyAad(keyId, context),
  );
  const text = decrypt(
    dataKey,
    Buffer.from(iv, 'base64url'),
    Buffer.from(ciphertext, 'base64url'),
    Buffer.from(tag, 'base64url'),
    secretAad(context),
  );
  return text.toString('utf8');
}

/** A KeyProvider doing its wrapping with node:crypto, so rewrapAll's database work is identical in both runs. */
export function nodeKeyProvider(masterKeys: Map<string, Uint8Array>, activeKeyId: string): KeyProvider {
  return {
    activeKeyId,
    keyIds: () => [...masterKeys.keys()],
    has: (id) => masterKeys.has(id),
    wrapDataKey(dataKey, additional) {
      const sealed = encrypt(masterKeys.get(activeKeyId)!, dataKey, additional);
      return new Uint8Array(Buffer.concat([sealed.iv, sealed.ciphertext, sealed.tag]));
    },
    unwrapDataKey(keyId, wrapped, additional) {
      const key = masterKeys.get(keyId)!;
      return new Uint8Array(
        decrypt(key, wrapped.subarray(0, 12), wrapped.subarray(12, 44), wrapped.subarray(44), additional),
      );
    },
  };
}
