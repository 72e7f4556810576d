// Master-key rotation: add a key (key-file.ts / the CLI), rewrap every data key under the active key, retire
// the old key once no row uses it (Gong credentials and webhook signing secrets alike). Rewrap is batched and
// idempotent: each batch commits on its own, so a killed run loses at most one uncommitted batch and the next
// run picks up whatever is still on an old key.
import { sealCanary } from './canary.ts';
import { gongCredentialContext, gongCredentialFields, webhookSecretContext } from './context.ts';
import { envelopePrefix } from './envelope.ts';
import { VaultError } from './errors.ts';
import type { KeyProvider } from './key-provider.ts';
import { createSealer, type Sealer } from './sealer.ts';
import { keysInUse } from './self-test.ts';
import type { SealedFields, VaultStore } from './store.ts';

export interface RewrapProgress {
  /** Rows rewrapped and committed so far. */
  rewrapped: number;
  /** Rows a concurrent writer changed first (left for the next pass). */
  conflicts: number;
  batches: number;
}

export interface RewrapOptions {
  batchSize?: number;
  /** Called after each committed batch (progress output; tests use it to simulate a kill). */
  onBatch?(progress: RewrapProgress): void;
  /** Passes over the table; a pass only repeats when rows changed under it. */
  maxPasses?: number;
}

export interface RewrapResult extends RewrapProgress {
  /** Envelopes still not on the active key afterwards (0 when done). */
  remaining: number;
  activeKeyId: string;
}

export async function rewrapAll(
  keys: KeyProvider,
  store: VaultStore,
  options: RewrapOptions = {},
): Promise<RewrapResult> {
  const batchSize = options.batchSize ?? 500;
  const maxPasses = options.maxPasses ?? 5;
  const sealer = createSealer(keys);
  const prefix = envelopePrefix(keys.activeKeyId);
  const progress: RewrapProgress = { rewrapped: 0, conflicts: 0, batches: 0 };

  for (let pass = 0; pass < maxPasses; pass++) {
    let after: string | null = null;
    const conflictsBefore = progress.conflicts;
    for (;;) {
      const rows = await store.rowsNotMatching(prefix, after, batchSize);
      if (rows.length === 0) break;
      after = rows[rows.length - 1]!.credentialId;
      // Crypto first, then one short transaction (DB statements only) with a compare-and-set per row.
      const updates = rows.map((row) => {
        const next = { ...row.fields };
        for (const field of gongCredentialFields) {
          const text = row.fields[field];
          if (text === null) continue;
          try {
            next[field] = sealer.rewrap(text, gongCredentialContext(row, field));
          } catch (error) {
            const reason = error instanceof VaultError ? error.message : 'unexpected error';
            throw new VaultError(
              'rewrap-failed',
              `Credential ${row.credentialId}, field ${field}: ${reason}`,
            );
          }
        }
        return { credentialId: row.credentialId, expected: row.fields, next: next as SealedFields };
      });
      const applied = await store.compareAndSet(updates);
      progress.rewrapped += applied;
      progress.conflicts += updates.length - applied;
      progress.batches += 1;
      options.onBatch?.({ ...progress });
    }
    await rewrapWebhookSecrets(sealer, store, prefix, batchSize, progress, options.onBatch);
    if (progress.conflicts === conflictsBefore) break;
  }

  const remaining = Object.entries(await keysInUse(store))
    .filter(([keyId]) => keyId !== keys.activeKeyId)
    .reduce((sum, [, count]) => sum + count, 0);
  return { ...progress, remaining, activeKeyId: keys.activeKeyId };
}

/** One pass over the webhook endpoints' signing secrets, batched like the credentials (a row counts once). */
async function rewrapWebhookSecrets(
  sealer: Sealer,
  store: VaultStore,
  prefix: string,
  batchSize: number,
  progress: RewrapProgress,
  onBatch: RewrapOptions['onBatch'],
): Promise<void> {
  let after: string | null = null;
  for (;;) {
    const rows = await store.webhookSecretsNotMatching(prefix, after, batchSize);
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.endpointId;
    const updates = rows.map((row) => {
      try {
        return {
          endpointId: row.endpointId,
          expected: row.sealed,
          next: sealer.rewrap(row.sealed, webhookSecretContext(row)),
        };
      } catch (error) {
        const reason = error instanceof VaultError ? error.message : 'unexpected error';
        throw new VaultError('rewrap-failed', `Webhook endpoint ${row.endpointId}: ${reason}`);
      }
    });
    const applied = await store.compareAndSetWebhookSecrets(updates);
    progress.rewrapped += applied;
    progress.conflicts += updates.length - applied;
    progress.batches += 1;
    onBatch?.({ ...progress });
  }
}

/**
 * Forgets `keyId` in the database (its canary). Refused while it is active or any stored envelope uses it.
 * Removing the key from the secret manager / key file is the caller's next step.
 */
export async function retireKey(keys: KeyProvider, store: VaultStore, keyId: string): Promise<void> {
  if (keyId === keys.activeKeyId) {
    throw new VaultError(
      'key-in-use',
      `Key "${keyId}" is the active key: add and activate another key first.`,
    );
  }
  const count = (await keysInUse(store))[keyId] ?? 0;
  if (count > 0) {
    throw new VaultError(
      'key-in-use',
      `Key "${keyId}" still seals ${count} stored secret(s): run "keys rewrap" first.`,
    );
  }
  await store.deleteCanary(keyId);
}

/** Stores the canary of the ring's active key if it has none (after `keys add`). */
export async function registerActiveKey(keys: KeyProvider, store: VaultStore): Promise<void> {
  await store.putCanary(keys.activeKeyId, sealCanary(keys));
}

export interface KeyStatus {
  activeKeyId: string;
  ring: readonly string[];
  /** Key id → stored envelopes using it. */
  inUse: Record<string, number>;
  /** Key ids with a canary in the database. */
  canaries: string[];
}

export async function keyStatus(keys: KeyProvider, store: VaultStore): Promise<KeyStatus> {
  return {
    activeKeyId: keys.activeKeyId,
    ring: keys.keyIds(),
    inUse: await keysInUse(store),
    canaries: (await store.listCanaries()).map((c) => c.keyId),
  };
}
