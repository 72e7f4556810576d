// Rotation covers the webhook endpoints' signing secrets too: key usage counts them, rewrap moves them, and an old
// key can be retired only once none of them needs it; afterwards each secret still opens to what was sealed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webhookSecretContext } from './context.ts';
import { keyIdOf } from './envelope.ts';
import { createOpener } from './open/opener.ts';
import { keyStatus, retireKey, rewrapAll } from './rotation.ts';
import { createSealer } from './sealer.ts';
import { selfTest } from './self-test.ts';
import type { VaultStore } from './store.ts';
import {
  aTempDatabase,
  seedCredentials,
  seedWebhookEndpoints,
  type TempDatabase,
  webhookSecretFor,
} from './testing/database.ts';
import { aRing } from './testing/rings.ts';

const everySecret = (store: VaultStore) => store.webhookSecretsNotMatching('\u0000', null, 1_000_000);

describe('master-key rotation of webhook secrets', () => {
  let db: TempDatabase;
  beforeEach(() => {
    db = aTempDatabase();
  });
  afterEach(() => db.dispose());

  it('counts, rewraps and then lets the old key go; every secret still opens', async () => {
    const old = aRing(['k1']);
    await seedCredentials(db, createSealer(old), 4);
    await seedWebhookEndpoints(db, createSealer(old), 3);
    expect((await keyStatus(old, db.store)).inUse).toEqual({ k1: 8 + 3 });

    const ring = old.withNewActiveKey('k2');
    const result = await rewrapAll(ring, db.store, { batchSize: 2 });
    expect(result).toMatchObject({ rewrapped: 4 + 3, conflicts: 0, remaining: 0 });
    await retireKey(ring, db.store, 'k1');

    const without = ring.without('k1');
    const opener = createOpener(without);
    const secrets = await everySecret(db.store);
    expect(secrets).toHaveLength(3);
    for (const row of secrets) {
      expect(keyIdOf(row.sealed)).toBe('k2');
      expect(opener.open(row.sealed, webhookSecretContext(row))).toBe(webhookSecretFor(row.endpointId));
    }
    expect((await selfTest(without, db.store)).keysInUse).toEqual({ k2: 11 });
  });

  it('refuses to retire a key that only webhook secrets still use, and start-up names it', async () => {
    const old = aRing(['k1']);
    await seedCredentials(db, createSealer(old), 1);
    await seedWebhookEndpoints(db, createSealer(old), 1);
    const ring = old.withNewActiveKey('k2');
    // The credential moves, the endpoint's secret stays on k1 (a rewrap that knew only credentials).
    const credentialsOnly: VaultStore = { ...db.store, webhookSecretsNotMatching: async () => [] };
    expect(await rewrapAll(ring, credentialsOnly)).toMatchObject({ rewrapped: 1, remaining: 1 });
    await expect(retireKey(ring, db.store, 'k1')).rejects.toThrowError(/still seals 1 stored secret/);
    await expect(selfTest(ring.without('k1'), db.store)).rejects.toThrowError(
      /key id "k1" seals 1 stored secret\(s\) but is not in the key ring/,
    );
    // Wrong bytes under the right id are caught on a webhook secret alone, too.
    await expect(selfTest(aRing(['k1', 'k2']).withNewActiveKey('k3'), db.store)).rejects.toThrowError(
      /key id "k1" is in the key ring, but its bytes are not the key/,
    );
  });

  it('leaves a secret regenerated during the rewrap alone; the next pass moves it', async () => {
    const old = aRing(['k1']);
    await seedCredentials(db, createSealer(old), 2);
    await seedWebhookEndpoints(db, createSealer(old), 2);
    const ring = old.withNewActiveKey('k2');
    let regenerated = false;
    const racing: VaultStore = {
      ...db.store,
      async compareAndSetWebhookSecrets(updates) {
        if (!regenerated) {
          regenerated = true;
          const endpointId = updates[0]!.endpointId;
          const resealed = createSealer(old).seal(
            webhookSecretFor(endpointId),
            webhookSecretContext({ endpointId, workspaceId: 'ws_0' }),
          );
          db.opened.sqlite
            .prepare('update webhook_endpoint set secret_sealed = ? where id = ?')
            .run(resealed, endpointId);
        }
        return db.store.compareAndSetWebhookSecrets(updates);
      },
    };
    expect(await rewrapAll(ring, racing)).toMatchObject({ rewrapped: 2 + 2, conflicts: 1, remaining: 0 });
  });
});
