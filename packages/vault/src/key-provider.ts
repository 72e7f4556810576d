// Who holds the master keys. The local KeyRing does the wrapping itself; a KMS / Vault-transit provider
// would send the data key to the service instead (docs/vault-kms.md), so the process never holds a master key.

/** Master key ids: short, printable, safe inside an envelope and a log line. */
export const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export interface KeyProvider {
  /** The key every new seal and every rewrap uses. */
  readonly activeKeyId: string;
  keyIds(): readonly string[];
  has(keyId: string): boolean;
  /** Wraps a data key under the active master key; the result is opaque bytes for the envelope. */
  wrapDataKey(dataKey: Uint8Array, aad: Uint8Array): Uint8Array;
  /** Unwraps with exactly the named key (never another): throws `unknown-key` or `authentication-failed`. */
  unwrapDataKey(keyId: string, wrapped: Uint8Array, aad: Uint8Array): Uint8Array;
}
