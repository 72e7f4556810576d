import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSealer } from './sealer.ts';
import { selfTest } from './self-test.ts';
import { aTempDatabase, seedCredentials, type TempDatabase } from './testing/database.ts';
import { aRing } from './testing/rings.ts';

describe('selfTest at start-up', () => {
  let db: TempDatabase;
  beforeEach(() => {
    db = aTempDatabase();
  });
  afterEach(() => db.dispose());

  const refusal = async (run: () => Promise<unknown>): Promise<string> => {
    try {
      await run();
    } catch (error) {
      expect(error).toMatchObject({ name: 'VaultError', kind: 'self-test-failed' });
      return (error as Error).message;
    }
    throw new Error('expected selfTest to refuse');
  };

  it('passes on a fresh database and stores the active key canary once', async () => {
    const ring = aRing(['k1']);
    expect(await selfTest(ring, db.store)).toEqual({
      activeKeyId: 'k1',
      keysInUse: {},
      canaryCreated: true,
      warnings: [],
    });
    expect((await selfTest(ring, db.store)).canaryCreated).toBe(false);
  });

  it('passes when every key in use is in the ring and unwraps', async () => {
    const ring = aRing(['k1']);
    await seedCredentials(db, createSealer(ring), 6);
    expect((await selfTest(ring, db.store)).keysInUse).toEqual({ k1: 12 });
  });

  it('refuses when a key id in use is missing from the ring, naming it but no key bytes', async () => {
    const old = aRing(['k2025']);
    await seedCredentials(db, createSealer(old), 3);
    await selfTest(old, db.store);
    const next = aRing(['k2026']);
    const message = await refusal(() => selfTest(next, db.store));
    expect(message).toMatch(/cannot start/);
    expect(message).toMatch(/key id "k2025" seals 6 stored secret\(s\) but is not in the key ring/);
    expect(message).toMatch(/Nothing was changed/);
    for (const key of [...Object.values(old.exportKeys()), ...Object.values(next.exportKeys())]) {
      expect(message).not.toContain(key);
      expect(message).not.toContain(Buffer.from(key, 'base64').toString('hex'));
    }
    expect((await db.store.listCanaries()).map((c) => c.keyId)).toEqual(['k2025']);
  });

  it('refuses when the ring has the right id but the wrong bytes (canary and data)', async () => {
    await seedCredentials(db, createSealer(aRing(['k1'])), 2);
    const message = await refusal(() => selfTest(aRing(['k1']), db.store));
    expect(message).toMatch(
      /key id "k1" is in the key ring, but its bytes are not the key that sealed the stored secrets/,
    );
  });

  it('catches a wrong active key through its canary even before any credential exists', async () => {
    await selfTest(aRing(['k1']), db.store);
    const message = await refusal(() => selfTest(aRing(['k1']), db.store));
    expect(message).toMatch(/key id "k1" .* do not open its canary/);
  });

  it('refuses stored values that are not vault envelopes', async () => {
    await seedCredentials(db, createSealer(aRing(['k1'])), 1);
    db.opened.sqlite.prepare("update gong_credential set secret_key_sealed = 'plaintext-secret'").run();
    const message = await refusal(() => selfTest(aRing(['k1']), db.store));
    expect(message).toMatch(/not vault envelopes/);
    expect(message).not.toContain('plaintext-secret');
  });

  it('warns about a canary whose key is gone but unused', async () => {
    await selfTest(aRing(['old']), db.store);
    expect((await selfTest(aRing(['new']), db.store)).warnings).toEqual([
      'key id "old" has a canary but is not in the key ring and no secret uses it; run "keys retire old".',
    ]);
  });
});
