/**
 * Everything the vault refuses, as a `kind` callers can branch on. Messages are written for an operator
 * and never contain key bytes, plaintext or ciphertext: only variable names, key ids and field names.
 */
export type VaultErrorKind =
  | 'invalid-keyring' // a key source (env value or key file) is malformed
  | 'keyring-file' // the embedded key file can't be read, written or is readable by others
  | 'invalid-envelope' // not a vault envelope (bad shape, encoding or length)
  | 'unsupported-version' // an envelope format this code does not know
  | 'unknown-key' // the envelope names a key id that is not in the ring
  | 'authentication-failed' // wrong key, tampered bytes or a context (AAD) that does not match
  | 'invalid-context' // a seal context with an empty or malformed part
  | 'self-test-failed' // start-up refusal: a key in use is missing or fails its canary
  | 'key-in-use' // retire refused: rows or the active slot still use the key
  | 'rewrap-failed'; // a row could not be rewrapped (reported by credential id and field)

export class VaultError extends Error {
  override readonly name = 'VaultError';
  readonly kind: VaultErrorKind;

  constructor(kind: VaultErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

export const isVaultError = (error: unknown): error is VaultError => error instanceof VaultError;
