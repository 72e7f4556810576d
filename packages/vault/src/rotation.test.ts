import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gongCredentialContext, gongCredentialFields } from './context.ts';
import { keyIdOf } from './envelope.ts';
import { replaceKeyFile } from './key-file.ts';
import type { KeyRing } from './key-ring.ts';
import { loadKeyRing } from './load-key-ring.ts';
import { createOpener } from './open/opener.ts';
import { keyStatus, registerActiveKey, retireKey, rewrapAll } from './rotation.ts';
import { createSealer } from './sealer.ts';
import { selfTest } from './self-test.ts';
import type { VaultStore } from './store.ts';
import { allRows, aTempDatabase, secretFor, seedCredentials, type TempDatabase } from './testing/database.ts';
import { aRing } from './testing/rings.ts';

/** Every sealed value opens with `ring` to the secret it was seeded with; returns key id → count. */
async function openEverything(db: TempDatabase, ring: KeyRing): Promise<Record<string, number>> {
  const opener = createOpener(ring);
  const keys: Record<string, number> = {};
  for (const row of await allRows(db)) {
    for (const field of gongCredentialFields) {
      const text = row.fields[field];
      if (text === null) continue;
      expect(opener.open(text, gongCredentialContext(row, field))).toBe(secretFor(row.credentialId, field));
      keys[keyIdOf(text)] = (keys[keyIdOf(text)] ?? 0) + 1;
    }
  }
  return keys;
}

describe('master-key rotation', () => {
  let db: TempDatabase;
  beforeEach(() => {
    db = aTempDatabase();
  });
  afterEach(() => db.dispose());

  it('add → rewrap → retire: every row moves to the new key and still opens', async () => {
    const old = aRing(['k1']);
    await seedCredentials(db, createSealer(old), 30);
    const ring = old.withNewActiveKey('k2');
    await registerActiveKey(ring, db.store);
    await expect(retireKey(ring, db.store, 'k1')).rejects.toThrowError(
      /still seals 60 stored secret\(s\): run "keys rewrap" first/,
    );

    const result = await rewrapAll(ring, db.store, { batchSize: 7 });
    expect(result).toMatchObject({
      rewrapped: 30,
      conflicts: 0,
      remaining: 0,
      batches: 5,
      activeKeyId: 'k2',
    });
    expect(await openEverything(db, ring.without('k1'))).toEqual({ k2: 60 });
    expect((await rewrapAll(ring, db.store)).rewrapped).toBe(0);

    await expect(retireKey(ring, db.store, 'k2')).rejects.toThrowError(/is the active key/);
    await retireKey(ring, db.store, 'k1');
    expect(await keyStatus(ring, db.store)).toEqual({
      activeKeyId: 'k2',
      ring: ['k1', 'k2'],
      inUse: { k2: 60 },
      canaries: ['k2'],
    });
    expect((await selfTest(ring.without('k1'), db.store)).keysInUse).toEqual({ k2: 60 });
  });

  it('a rewrap that dies midway leaves every row readable; running it again finishes the job', async () => {
    const old = aRing(['k1']);
    await seedCredentials(db, createSealer(old), 50);
    const ring = old.withNewActiveKey('k2');
    await expect(
      rewrapAll(ring, db.store, {
        batchSize: 8,
        onBatch: (p) => {
          if (p.batches === 3) throw new Error('simulated crash');
        },
      }),
    ).rejects.toThrowError('simulated crash');
    // Three batches of 8 rows committed (2 sealed fields per row); the rest is still on k1 and still opens.
    expect(await openEverything(db, ring)).toEqual({ k1: 52, k2: 48 });

    expect(await rewrapAll(ring, db.store, { batchSize: 8 })).toMatchObject({ rewrapped: 26, remaining: 0 });
    expect(await openEverything(db, ring.without('k1'))).toEqual({ k2: 100 });
  });

  it('survives SIGKILL of a real rewrap process, then completes on the next run', async () => {
    const dataDir = join(db.dir, 'data');
    const old = loadKeyRing({}, { dataDir, warn: () => {} });
    await seedCredentials(db, createSealer(old), 200);
    const ring = old.withNewActiveKey('k2');
    replaceKeyFile(old.filePath!, ring);

    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(new URL('./testing/rewrap-child.ts', import.meta.url)),
        db.path,
        dataDir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], cwd: fileURLToPath(new URL('..', import.meta.url)) },
    );
    let output = '';
    const killedAfter = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('batch 3\n') && !child.killed) child.kill('SIGKILL');
      });
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.on('exit', (_code, signal) =>
        signal === 'SIGKILL' ? resolve(output) : reject(new Error(output)),
      );
    });
    expect(killedAfter).not.toContain('done');

    const midway = await openEverything(db, ring);
    expect(midway.k2).toBeGreaterThanOrEqual(3 * 10 * 2);
    expect(midway[old.activeKeyId]).toBeGreaterThan(0);
    expect(midway.k2! + midway[old.activeKeyId]!).toBe(400);

    const result = await rewrapAll(loadKeyRing({}, { dataDir, warn: () => {} }), db.store, { batchSize: 10 });
    expect(result.remaining).toBe(0);
    expect(await openEverything(db, ring.without(old.activeKeyId))).toEqual({ k2: 400 });
  }, 30_000);

  it('a row changed by a concurrent credential swap is not overwritten: compare-and-set skips it, the next pass picks it up', async () => {
    const old = aRing(['k1']);
    await seedCredentials(db, createSealer(old), 3);
    const ring = old.withNewActiveKey('k2');
    const [victim] = await allRows(db);
    let swapped = false;
    const racing: VaultStore = {
      ...db.store,
      compareAndSet(updates) {
        if (!swapped) {
          swapped = true;
          // An admin pastes a new key for the first credential while the batch is in flight (old key: an old server).
          const context = gongCredentialContext(victim!, 'secretKey');
          db.opened.sqlite
            .prepare('update gong_credential set secret_key_sealed = ? where id = ?')
            .run(
              createSealer(old).seal(secretFor(victim!.credentialId, 'secretKey'), context),
              victim!.credentialId,
            );
        }
        return db.store.compareAndSet(updates);
      },
    };
    expect(await rewrapAll(ring, racing)).toMatchObject({ rewrapped: 3, conflicts: 1, remaining: 0 });
    expect(await openEverything(db, ring.without('k1'))).toEqual({ k2: 6 });
  });

  it('names the credential and field when a row cannot be rewrapped, and changes nothing in that batch', async () => {
    await seedCredentials(db, createSealer(aRing(['k1'])), 2);
    const stranger = aRing(['k1', 'k2']);
    await expect(rewrapAll(stranger, db.store)).rejects.toThrowError(
      /Credential cred_000000, field accessKey: .*failed authentication/,
    );
  });
});
