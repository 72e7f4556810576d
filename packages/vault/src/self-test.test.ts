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

  const refusal = (run: () => unknown): string => {
    try {
      run();
    } catch (error) {
      expect(error).toMatchObject({ name: 'VaultError', kind: 'self-test-failed' });
      return (error as Error).message;
    }
    throw new Error('expected selfTest to refuse');
  };

  it('passes on a fresh database and stores the active key canary once', () => {
    const ring = aRing(['k1']);
    expect(selfTest(ring, db.store)).toEqual({
      activeKeyId: 'k1',
      keysInUse: {},
      canaryCreated: true,
      warnings: [],
    });
    expect(selfTest(ring, db.store).canaryCreated).toBe(false);
  });

  it('passes when every key in use is in the ring and unwraps', () => {
    const ring = aRing(['k1']);
    seedCredentials(db, createSealer(ring), 6);
    expect(selfTest(ring, db.store).keysInUse).toEqual({ k1: 12 });
  });

  it('refuses when a key id in use is missing from the ring, naming it but no key bytes', () => {
    const old = aRing(['k2025']);
    seedCredentials(db, createSealer(old), 3);
    selfTest(old, db.store);
    const next = aRing(['k2026']);
    const message = refusal(() => selfTest(next, db.store));
    expect(message).toMatch(/cannot start/);
    expect(message).toMatch(/key id "k2025" seals 6 stored secret\(s\) but is not in the key ring/);
    expect(message).toMatch(/Nothing was changed/);
    for (const key of [...Object.values(old.exportKeys()), ...Object.values(next.exportKeys())]) {
      expect(message).not.toContain(key);
      expect(message).not.toContain(Buffer.from(key, 'base64').toString('hex'));
    }
    expect(db.store.listCanaries().map((c) => c.keyId)).toEqual(['k2025']);
  });

  it('refuses when the ring has the right id but the wrong bytes (canary and data)', () => {
    seedCredentials(db, createSealer(aRing(['k1'])), 2);
    const message = refusal(() => selfTest(aRing(['k1']), db.store));
    expect(message).toMatch(
      /key id "k1" is in the key ring, but its bytes are not the key that sealed the stored secrets/,
    );
  });

  it('catches a wrong active key through its canary even before any credential exists', () => {
    selfTest(aRing(['k1']), db.store);
    const message = refusal(() => selfTest(aRing(['k1']), db.store));
    expect(message).toMatch(/key id "k1" .* do not open its canary/);
  });

  it('refuses stored values that are not vault envelopes', () => {
    seedCredentials(db, createSealer(aRing(['k1'])), 1);
    db.opened.sqlite.prepare("update gong_credential set secret_key_sealed = 'plaintext-secret'").run();
    const message = refusal(() => selfTest(aRing(['k1']), db.store));
    expect(message).toMatch(/not vault envelopes/);
    expect(message).not.toContain('plaintext-secret');
  });

  it('warns about a canary whose key is gone but unused', () => {
    selfTest(aRing(['old']), db.store);
    expect(selfTest(aRing(['new']), db.store).warnings).toEqual([
      'key id "old" has a canary but is not in the key ring and no secret uses it; run "keys retire old".',
    ]);
  });
});
