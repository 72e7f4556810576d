// What the vault needs from the database, as an interface: @callmine/db implements it
// (packages/db/src/vault/store.ts) without this package depending on the database.
import type { GongCredentialField } from './context.ts';

/** The sealed columns of one gong_credential row (null where the method doesn't use the column). */
export type SealedFields = Record<GongCredentialField, string | null>;

export interface SealedRow {
  credentialId: string;
  workspaceId: string;
  fields: SealedFields;
}

/** One webhook endpoint's sealed signing secret (context: webhookSecretContext). */
export interface SealedWebhookSecret {
  endpointId: string;
  workspaceId: string;
  sealed: string;
}

export interface VaultStore {
  /** Stored envelopes (Gong credentials and webhook secrets) grouped by their "<version>.<keyId>" header, with how many use each. */
  keyUsage(): Promise<Array<{ header: string; count: number }>>;
  /** One row holding an envelope that starts with `prefix`, to prove a key in use still unwraps. */
  sampleRow(prefix: string): Promise<SealedRow | undefined>;
  /** Rows (ordered by credential id, after `after`) with any envelope that does not start with `prefix`. */
  rowsNotMatching(prefix: string, after: string | null, limit: number): Promise<SealedRow[]>;
  /**
   * In one transaction, for each update: set the row's fields to `next` only if they still equal `expected`
   * (compare-and-set, so a concurrent credential swap wins). Returns how many rows were changed.
   */
  compareAndSet(
    updates: Array<{ credentialId: string; expected: SealedFields; next: SealedFields }>,
  ): Promise<number>;
  /** One webhook endpoint whose secret starts with `prefix`. */
  sampleWebhookSecret(prefix: string): Promise<SealedWebhookSecret | undefined>;
  /** Webhook endpoints (ordered by id, after `after`) whose secret does not start with `prefix`. */
  webhookSecretsNotMatching(
    prefix: string,
    after: string | null,
    limit: number,
  ): Promise<SealedWebhookSecret[]>;
  /** As compareAndSet, for webhook secrets: a secret regenerated meanwhile is left alone. */
  compareAndSetWebhookSecrets(
    updates: Array<{ endpointId: string; expected: string; next: string }>,
  ): Promise<number>;
  listCanaries(): Promise<Array<{ keyId: string; envelope: string }>>;
  /** Inserts a canary unless one exists for the key id. */
  putCanary(keyId: string, envelope: string): Promise<void>;
  deleteCanary(keyId: string): Promise<void>;
}
