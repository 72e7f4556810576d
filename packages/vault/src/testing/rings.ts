// Test builders: key rings with fresh random keys.
import { randomBytes } from 'node:crypto';
import { KeyRing } from '../key-ring.ts';

export const aKey = (): Uint8Array => new Uint8Array(randomBytes(32));

/** A ring of fresh keys; the last id is active unless `active` says otherwise. */
export function aRing(ids: string[] = ['k1'], active: string = ids[ids.length - 1]!): KeyRing {
  return new KeyRing(new Map(ids.map((id) => [id, aKey()])), active, 'CALLMINE_KEYRING');
}

export const aContext = (
  overrides: Partial<Record<'purpose' | 'workspaceId' | 'credentialId' | 'field', string>> = {},
) => ({
  purpose: 'gong-credential',
  workspaceId: 'ws_1',
  credentialId: 'cred_1',
  field: 'secretKey',
  ...overrides,
});
