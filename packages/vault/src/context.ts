// Additional authenticated data: where a sealed value belongs. Like AWS KMS's encryption context, it is not
// secret and not stored in the envelope; the caller restates it on open, and any difference fails the tag.
import { VaultError } from './errors.ts';

export interface SealContext {
  /** What the secret is for, e.g. 'gong-credential'. */
  purpose: string;
  workspaceId: string;
  /** The stable id of the row that owns the secret (gong_credential.id). */
  credentialId: string;
  /** The column, e.g. 'secretKey'. */
  field: string;
}

/** The purpose and field names every Gong credential secret is sealed with. */
export const GONG_CREDENTIAL_PURPOSE = 'gong-credential';
export const gongCredentialFields = ['accessKey', 'secretKey', 'accessToken', 'refreshToken'] as const;
export type GongCredentialField = (typeof gongCredentialFields)[number];

/** The context of one sealed column of a gong_credential row. */
export const gongCredentialContext = (
  row: { credentialId: string; workspaceId: string },
  field: GongCredentialField,
): SealContext => ({
  purpose: GONG_CREDENTIAL_PURPOSE,
  workspaceId: row.workspaceId,
  credentialId: row.credentialId,
  field,
});

/** A webhook endpoint's signing secret: the worker opens it to sign each delivery. */
export const WEBHOOK_SECRET_PURPOSE = 'webhook-secret';

export const webhookSecretContext = (row: { endpointId: string; workspaceId: string }): SealContext => ({
  purpose: WEBHOOK_SECRET_PURPOSE,
  workspaceId: row.workspaceId,
  credentialId: row.endpointId,
  field: 'secret',
});

const PARTS = ['purpose', 'workspaceId', 'credentialId', 'field'] as const;

function checkContext(context: SealContext): void {
  for (const part of PARTS) {
    const value: unknown = context[part];
    if (typeof value !== 'string' || value.length === 0) {
      throw new VaultError('invalid-context', `The seal context needs a non-empty "${part}".`);
    }
  }
}

// A JSON array of strings is an unambiguous encoding: no choice of ids can make two contexts collide.
const encode = (parts: readonly string[]): Uint8Array => new TextEncoder().encode(JSON.stringify(parts));

/** AAD of the secret's own ciphertext: it survives rewrap, so it names no master key. */
export function secretAad(version: string, context: SealContext): Uint8Array {
  checkContext(context);
  return encode([
    'callmine-vault',
    version,
    'secret',
    context.purpose,
    context.workspaceId,
    context.credentialId,
    context.field,
  ]);
}

/** AAD of the wrapped data key: the same place, plus the master key id that wraps it. */
export function dataKeyAad(version: string, keyId: string, context: SealContext): Uint8Array {
  checkContext(context);
  return encode([
    'callmine-vault',
    version,
    'data-key',
    keyId,
    context.purpose,
    context.workspaceId,
    context.credentialId,
    context.field,
  ]);
}
