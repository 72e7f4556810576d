import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../database/types.ts';
import { dialects, openTestDatabase } from '../testing/test-databases.ts';
import { createVaultStore } from './store.ts';

// Envelope-shaped strings: the store only cares about the "<version>.<keyId>." prefix.
const env = (keyId: string, tail = 'w.i.c.t') => `v1.${keyId}.${tail}`;

describe.each(dialects)('vault store over gong_credential (%s)', (dialect) => {
  const addCredential = async (
    db: Db,
    id: string,
    fields: { access?: string; secret?: string; token?: string },
  ) => {
    const workspaceId = `ws_${id}`;
    await db
      .insert(db.tables.organization)
      .values({ id: workspaceId, name: id, slug: id, createdAt: new Date() });
    await db.insert(db.tables.gongCredential).values({
      id,
      workspaceId,
      method: fields.token ? 'oauth' : 'basic',
      baseUrl: 'https://api.gong.io',
      accessKeySealed: fields.access ?? null,
      secretKeySealed: fields.secret ?? null,
      accessTokenSealed: fields.token ?? null,
      connectedAt: new Date(),
    });
  };

  it('groups stored envelopes by version and key id, ignoring nulls', async () => {
    await using database = await openTestDatabase(dialect);
    const { db } = database;
    await addCredential(db, 'c1', { access: env('k_1'), secret: env('k_1') });
    await addCredential(db, 'c2', { access: env('k2'), secret: env('k_1') });
    await addCredential(db, 'c3', { token: env('k2') });
    expect(await createVaultStore(db).keyUsage()).toEqual([
      { header: 'v1.k2', count: 2 },
      { header: 'v1.k_1', count: 3 },
    ]);
  });

  it('pages through rows not yet on a key, treating "_" literally (no LIKE wildcards)', async () => {
    await using database = await openTestDatabase(dialect);
    const { db } = database;
    await addCredential(db, 'c1', { access: env('new'), secret: env('new') });
    await addCredential(db, 'c2', { access: env('new'), secret: env('old') });
    await addCredential(db, 'c3', { access: env('nex'), secret: env('new') });
    await addCredential(db, 'c4', { token: env('old') });
    const store = createVaultStore(db);
    const first = await store.rowsNotMatching('v1.new.', null, 2);
    expect(first.map((r) => r.credentialId)).toEqual(['c2', 'c3']);
    expect(first[0]).toEqual({
      credentialId: 'c2',
      workspaceId: 'ws_c2',
      fields: { accessKey: env('new'), secretKey: env('old'), accessToken: null, refreshToken: null },
    });
    expect((await store.rowsNotMatching('v1.new.', 'c3', 2)).map((r) => r.credentialId)).toEqual(['c4']);
    expect((await store.rowsNotMatching('v1.ne_.', null, 10)).map((r) => r.credentialId)).toEqual([
      'c1',
      'c2',
      'c3',
      'c4',
    ]);
    expect((await store.sampleRow('v1.old.'))?.credentialId).toBe('c2');
    expect(await store.sampleRow('v1.gone.')).toBeUndefined();
  });

  it('compare-and-set changes a row only while it still holds the expected envelopes', async () => {
    await using database = await openTestDatabase(dialect);
    const { db } = database;
    await addCredential(db, 'c1', { access: env('old'), secret: env('old') });
    await addCredential(db, 'c2', { access: env('old'), secret: env('old') });
    const store = createVaultStore(db);
    const [r1, r2] = await store.rowsNotMatching('v1.new.', null, 10);
    // A concurrent credential swap on c2 after it was read:
    await db.run(
      sql`update gong_credential set secret_key_sealed = ${env('new', 'swapped')} where id = 'c2'`,
    );
    const next = { accessKey: env('new'), secretKey: env('new'), accessToken: null, refreshToken: null };
    const changed = await store.compareAndSet([
      { credentialId: r1!.credentialId, expected: r1!.fields, next },
      { credentialId: r2!.credentialId, expected: r2!.fields, next },
    ]);
    expect(changed).toBe(1);
    const rows = await db.all(
      sql`select id, secret_key_sealed as s, version from gong_credential order by id`,
    );
    expect(rows).toEqual([
      { id: 'c1', s: env('new'), version: 1 },
      { id: 'c2', s: env('new', 'swapped'), version: 1 },
    ]);
  });

  it('stores one canary per key id and deletes it', async () => {
    await using database = await openTestDatabase(dialect);
    const { db } = database;
    const store = createVaultStore(db);
    await store.putCanary('k1', 'first');
    await store.putCanary('k1', 'second');
    await store.putCanary('k0', 'zero');
    expect(await store.listCanaries()).toEqual([
      { keyId: 'k0', envelope: 'zero' },
      { keyId: 'k1', envelope: 'first' },
    ]);
    await store.deleteCanary('k0');
    expect((await store.listCanaries()).map((c) => c.keyId)).toEqual(['k1']);
  });

  it('counts, pages and compare-and-sets webhook endpoints’ signing secrets too', async () => {
    await using database = await openTestDatabase(dialect);
    const { db } = database;
    await addCredential(db, 'c1', { access: env('old'), secret: env('new') });
    const at = new Date();
    for (const [id, sealed] of [
      ['e1', env('old')],
      ['e2', env('new')],
      ['e3', env('old')],
    ] as const) {
      await db.insert(db.tables.webhookEndpoint).values({
        id,
        workspaceId: 'ws_c1',
        url: 'https://hooks.example.com/x',
        events: ['run.finished'],
        secretSealed: sealed,
        createdAt: at,
        updatedAt: at,
      });
    }
    const store = createVaultStore(db);
    expect(await store.keyUsage()).toEqual([
      { header: 'v1.new', count: 2 },
      { header: 'v1.old', count: 3 },
    ]);
    const stale = await store.webhookSecretsNotMatching('v1.new.', null, 10);
    expect(stale).toEqual([
      { endpointId: 'e1', workspaceId: 'ws_c1', sealed: env('old') },
      { endpointId: 'e3', workspaceId: 'ws_c1', sealed: env('old') },
    ]);
    expect((await store.webhookSecretsNotMatching('v1.new.', 'e1', 10)).map((r) => r.endpointId)).toEqual([
      'e3',
    ]);
    expect((await store.sampleWebhookSecret('v1.new.'))?.endpointId).toBe('e2');
    // e3's secret is regenerated after it was read: only e1 changes.
    await db.run(sql`update webhook_endpoint set secret_sealed = ${env('old', 'regen')} where id = 'e3'`);
    const changed = await store.compareAndSetWebhookSecrets(
      stale.map((r) => ({ endpointId: r.endpointId, expected: r.sealed, next: env('new', r.endpointId) })),
    );
    expect(changed).toBe(1);
    expect(await db.all(sql`select id, secret_sealed as s from webhook_endpoint order by id`)).toEqual([
      { id: 'e1', s: env('new', 'e1') },
      { id: 'e2', s: env('new') },
      { id: 'e3', s: env('old', 'regen') },
    ]);
  });
});
