// Start-up refusal. Server and worker call selfTest before serving: a key id the database uses that is
// missing from the ring, or whose bytes are wrong, stops the process with an operator message, instead of
// credentials failing one by one later (n8n's old failure mode). Messages name key ids, never key bytes.
import { canaryMatches, sealCanary } from './canary.ts';
import {
  dataKeyAad,
  gongCredentialContext,
  gongCredentialFields,
  type SealContext,
  webhookSecretContext,
} from './context.ts';
import { envelopePrefix, parseEnvelope, parseHeader } from './envelope.ts';
import { VaultError } from './errors.ts';
import type { KeyProvider } from './key-provider.ts';
import type { VaultStore } from './store.ts';

export interface SelfTestReport {
  activeKeyId: string;
  /** Key id → number of stored envelopes sealed under it. */
  keysInUse: Record<string, number>;
  /** True when this run stored the canary of the active key (first start with that key). */
  canaryCreated: boolean;
  /** Not fatal, worth logging (e.g. a canary left for a key no row uses). */
  warnings: string[];
}

/** Key id → envelope count, from the store's header grouping. */
export async function keysInUse(store: VaultStore): Promise<Record<string, number>> {
  const usage: Record<string, number> = {};
  for (const { header, count } of await store.keyUsage()) {
    const { keyId } = parseHeader(header);
    usage[keyId] = (usage[keyId] ?? 0) + count;
  }
  return usage;
}

/** Unwraps the data key of one stored envelope under `keyId` (the secret itself stays sealed). */
async function sampleUnwraps(keys: KeyProvider, store: VaultStore, keyId: string): Promise<boolean> {
  const prefix = envelopePrefix(keyId);
  const row = await store.sampleRow(prefix);
  if (row) {
    for (const field of gongCredentialFields) {
      const text = row.fields[field];
      if (text?.startsWith(prefix)) return unwraps(keys, keyId, text, gongCredentialContext(row, field));
    }
  }
  // A key that seals only webhook secrets is proven on one of them.
  const secret = await store.sampleWebhookSecret(prefix);
  return secret ? unwraps(keys, keyId, secret.sealed, webhookSecretContext(secret)) : true;
}

function unwraps(keys: KeyProvider, keyId: string, text: string, context: SealContext): boolean {
  try {
    const envelope = parseEnvelope(text);
    keys.unwrapDataKey(keyId, envelope.wrappedKey, dataKeyAad(envelope.version, keyId, context)).fill(0);
    return true;
  } catch {
    return false;
  }
}

export async function selfTest(keys: KeyProvider, store: VaultStore): Promise<SelfTestReport> {
  const problems: string[] = [];
  const warnings: string[] = [];
  let usage: Record<string, number>;
  try {
    usage = await keysInUse(store);
  } catch (error) {
    const reason = error instanceof VaultError ? error.message : 'unreadable';
    throw new VaultError(
      'self-test-failed',
      `Callmine cannot start: stored credentials are not vault envelopes (${reason}).`,
    );
  }
  const canaries = new Map((await store.listCanaries()).map((c) => [c.keyId, c.envelope]));

  for (const [keyId, count] of Object.entries(usage)) {
    if (!keys.has(keyId)) {
      problems.push(`key id "${keyId}" seals ${count} stored secret(s) but is not in the key ring.`);
    } else if (!(await sampleUnwraps(keys, store, keyId))) {
      problems.push(
        `key id "${keyId}" is in the key ring, but its bytes are not the key that sealed the stored secrets.`,
      );
    }
  }
  for (const [keyId, envelope] of canaries) {
    if (keys.has(keyId)) {
      if (!canaryMatches(keys, keyId, envelope)) {
        problems.push(
          `key id "${keyId}" is in the key ring, but its bytes do not open its canary (wrong key for that id).`,
        );
      }
    } else if (!(keyId in usage)) {
      warnings.push(
        `key id "${keyId}" has a canary but is not in the key ring and no secret uses it; run "keys retire ${keyId}".`,
      );
    }
  }

  if (problems.length > 0) {
    throw new VaultError(
      'self-test-failed',
      [
        'Callmine cannot start: the encryption key ring does not match the database.',
        ...problems.map((p) => `  - ${p}`),
        `The key ring has: ${keys.keyIds().join(', ')} (active: ${keys.activeKeyId}).`,
        'Restore the missing or correct key(s) from your secret manager (CALLMINE_KEYRING / CALLMINE_MASTER_KEY) and restart. Nothing was changed.',
      ].join('\n'),
    );
  }

  const canaryCreated = !canaries.has(keys.activeKeyId);
  if (canaryCreated) await store.putCanary(keys.activeKeyId, sealCanary(keys));
  return { activeKeyId: keys.activeKeyId, keysInUse: usage, canaryCreated, warnings };
}
