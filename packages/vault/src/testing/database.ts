// Test builders over a real temp SQLite file (packages/db): workspaces with sealed Gong credentials.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVaultStore, type OpenedDatabase, openDatabase } from '@callmine/db';
import { gongCredentialContext, webhookSecretContext } from '../context.ts';
import type { Sealer } from '../sealer.ts';
import type { SealedRow, VaultStore } from '../store.ts';

export interface TempDatabase {
  dir: string;
  path: string;
  opened: OpenedDatabase;
  store: VaultStore;
  dispose(): void;
}

export function aTempDatabase(): TempDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'callmine-vault-db-'));
  const path = join(dir, 'callmine.db');
  const opened = openDatabase(path);
  // Typed as the vault's interface: this line is the compile-time proof the db store fits it.
  const store: VaultStore = createVaultStore(opened.db);
  return {
    dir,
    path,
    opened,
    store,
    dispose() {
      void opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The secret a seeded row holds in `field`: unique per row and field, with non-ASCII text. */
export const secretFor = (credentialId: string, field: string) => `${field}:${credentialId}:sécret-✓`;

/** Inserts `count` workspaces, each with a credential: basic (access + secret) or, every third, OAuth tokens. */
export async function seedCredentials(db: TempDatabase, sealer: Sealer, count: number): Promise<void> {
  const { db: drizzleDb } = db.opened;
  const { organization, gongCredential } = drizzleDb.tables;
  await drizzleDb.transaction(async (tx) => {
    for (let i = 0; i < count; i++) {
      const credentialId = `cred_${String(i).padStart(6, '0')}`;
      const workspaceId = `ws_${i}`;
      const row = { credentialId, workspaceId };
      const oauth = i % 3 === 2;
      const seal = (field: 'accessKey' | 'secretKey' | 'accessToken' | 'refreshToken') =>
        sealer.seal(secretFor(credentialId, field), gongCredentialContext(row, field));
      await tx
        .insert(organization)
        .values({ id: workspaceId, name: workspaceId, slug: workspaceId, createdAt: new Date() });
      await tx.insert(gongCredential).values({
        id: credentialId,
        workspaceId,
        method: oauth ? 'oauth' : 'basic',
        baseUrl: 'https://api.gong.io',
        accessKeySealed: oauth ? null : seal('accessKey'),
        secretKeySealed: oauth ? null : seal('secretKey'),
        accessTokenSealed: oauth ? seal('accessToken') : null,
        refreshTokenSealed: oauth ? seal('refreshToken') : null,
        connectedAt: new Date(),
      });
    }
  });
}

/** Every sealed row in the table, in id order. */
export const allRows = (db: TempDatabase): Promise<SealedRow[]> =>
  db.store.rowsNotMatching('\u0000', null, 1_000_000);

/** The signing secret a seeded webhook endpoint holds. */
export const webhookSecretFor = (endpointId: string) => `whsec_${endpointId}_sécret`;

/** Adds a webhook endpoint, its secret sealed, to each of the first `count` seeded workspaces (ws_0, ws_1, ...). */
export async function seedWebhookEndpoints(db: TempDatabase, sealer: Sealer, count: number): Promise<void> {
  const { db: drizzleDb } = db.opened;
  const at = new Date();
  for (let i = 0; i < count; i++) {
    const endpointId = `whe_${String(i).padStart(6, '0')}`;
    const workspaceId = `ws_${i}`;
    await drizzleDb.insert(drizzleDb.tables.webhookEndpoint).values({
      id: endpointId,
      workspaceId,
      url: 'https://hooks.example.com/callmine',
      events: ['run.finished'],
      secretSealed: sealer.seal(
        webhookSecretFor(endpointId),
        webhookSecretContext({ endpointId, workspaceId }),
      ),
      createdAt: at,
      updatedAt: at,
    });
  }
}
