// The database side of @callmine/vault's VaultStore (structurally: db does not depend on the vault).
// Envelopes start "<version>.<keyId>.", so key usage is grouped in SQL and rows are picked by prefix;
// the vault owns the format, this file only slices text before the second dot.
import { and, asc, eq, gt, or, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../database/types.ts';
import { webhookSecretStore } from './webhook-secrets.ts';

const fieldNames = ['accessKey', 'secretKey', 'accessToken', 'refreshToken'] as const;
export type SealedField = (typeof fieldNames)[number];
export type SealedFields = Record<SealedField, string | null>;
export interface SealedRow {
  credentialId: string;
  workspaceId: string;
  fields: SealedFields;
}

/** "<version>.<keyId>" of an envelope: everything before its second dot (PostgreSQL has split_part, not instr). */
const headerOf = (dialect: Db['dialect'], column: SQLiteColumn): SQL =>
  dialect === 'postgres'
    ? sql`split_part(${column}, '.', 1) || '.' || split_part(${column}, '.', 2)`
    : sql`substr(${column}, 1, instr(${column}, '.') + instr(substr(${column}, instr(${column}, '.') + 1), '.') - 1)`;
const startsWith = (column: SQLiteColumn, prefix: string): SQL =>
  sql`substr(${column}, 1, ${prefix.length}) = ${prefix}`;

type SelectedRow = { credentialId: string; workspaceId: string } & SealedFields;
const toSealedRow = (row: SelectedRow): SealedRow => ({
  credentialId: row.credentialId,
  workspaceId: row.workspaceId,
  fields: {
    accessKey: row.accessKey,
    secretKey: row.secretKey,
    accessToken: row.accessToken,
    refreshToken: row.refreshToken,
  },
});

export function createVaultStore(db: Db) {
  const { gongCredential, vaultKeyCanary } = db.tables;
  const sealedColumns: Record<SealedField, SQLiteColumn> = {
    accessKey: gongCredential.accessKeySealed,
    secretKey: gongCredential.secretKeySealed,
    accessToken: gongCredential.accessTokenSealed,
    refreshToken: gongCredential.refreshTokenSealed,
  };
  const columnList = Object.values(sealedColumns);
  const webhooks = webhookSecretStore(db);
  const rowSelection = {
    credentialId: gongCredential.id,
    workspaceId: gongCredential.workspaceId,
    accessKey: gongCredential.accessKeySealed,
    secretKey: gongCredential.secretKeySealed,
    accessToken: gongCredential.accessTokenSealed,
    refreshToken: gongCredential.refreshTokenSealed,
  };

  return {
    sampleWebhookSecret: webhooks.sampleWebhookSecret,
    webhookSecretsNotMatching: webhooks.webhookSecretsNotMatching,
    compareAndSetWebhookSecrets: webhooks.compareAndSetWebhookSecrets,

    async keyUsage(): Promise<Array<{ header: string; count: number }>> {
      // Every sealed column: the Gong credential's four and each webhook endpoint's signing secret.
      const envelopes = sql.join(
        [
          ...columnList.map(
            (c) =>
              sql`select ${headerOf(db.dialect, c)} as header from ${gongCredential} where ${c} is not null`,
          ),
          sql`select ${headerOf(db.dialect, webhooks.column)} as header from ${webhooks.table}`,
        ],
        sql` union all `,
      );
      return db.all<{ header: string; count: number }>(
        sql`select header, count(*) as count from (${envelopes}) as envelopes group by header order by header`,
      );
    },

    async sampleRow(prefix: string): Promise<SealedRow | undefined> {
      const [row] = await db
        .select(rowSelection)
        .from(gongCredential)
        .where(or(...columnList.map((c) => startsWith(c, prefix))))
        .limit(1);
      return row ? toSealedRow(row) : undefined;
    },

    async rowsNotMatching(prefix: string, after: string | null, limit: number): Promise<SealedRow[]> {
      const stale = or(...columnList.map((c) => sql`(${c} is not null and not ${startsWith(c, prefix)})`));
      const rows = await db
        .select(rowSelection)
        .from(gongCredential)
        .where(after === null ? stale : and(gt(gongCredential.id, after), stale))
        .orderBy(asc(gongCredential.id))
        .limit(limit);
      return rows.map(toSealedRow);
    },

    async compareAndSet(
      updates: Array<{ credentialId: string; expected: SealedFields; next: SealedFields }>,
    ): Promise<number> {
      // One transaction per batch; each row changes only if every sealed field still holds what was read
      // (`IS NOT DISTINCT FROM` compares nulls too, on SQLite and PostgreSQL), so a concurrent credential swap is never overwritten.
      return db.transaction(async (tx) => {
        let changed = 0;
        for (const { credentialId, expected, next } of updates) {
          const updated = await tx
            .update(gongCredential)
            .set({
              accessKeySealed: next.accessKey,
              secretKeySealed: next.secretKey,
              accessTokenSealed: next.accessToken,
              refreshTokenSealed: next.refreshToken,
            })
            .where(
              and(
                eq(gongCredential.id, credentialId),
                ...fieldNames.map((f) => sql`${sealedColumns[f]} is not distinct from ${expected[f]}`),
              ),
            )
            .returning({ id: gongCredential.id });
          changed += updated.length;
        }
        return changed;
      });
    },

    async listCanaries(): Promise<Array<{ keyId: string; envelope: string }>> {
      return db
        .select({ keyId: vaultKeyCanary.keyId, envelope: vaultKeyCanary.envelope })
        .from(vaultKeyCanary)
        .orderBy(asc(vaultKeyCanary.keyId));
    },

    async putCanary(keyId: string, envelope: string): Promise<void> {
      await db.insert(vaultKeyCanary).values({ keyId, envelope }).onConflictDoNothing();
    },

    async deleteCanary(keyId: string): Promise<void> {
      await db.delete(vaultKeyCanary).where(eq(vaultKeyCanary.keyId, keyId));
    },
  };
}

export type VaultStoreDb = ReturnType<typeof createVaultStore>;
