// The database side of @callmine/vault's VaultStore (structurally: db does not depend on the vault).
// Envelopes start "<version>.<keyId>.", so key usage is grouped in SQL and rows are picked by prefix;
// the vault owns the format, this file only slices text before the second dot.
import { and, asc, eq, gt, or, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../open.ts';
import { gongCredential, vaultKeyCanary } from '../schema/index.ts';

const sealedColumns = {
  accessKey: gongCredential.accessKeySealed,
  secretKey: gongCredential.secretKeySealed,
  accessToken: gongCredential.accessTokenSealed,
  refreshToken: gongCredential.refreshTokenSealed,
} as const;

export type SealedField = keyof typeof sealedColumns;
export type SealedFields = Record<SealedField, string | null>;
export interface SealedRow {
  credentialId: string;
  workspaceId: string;
  fields: SealedFields;
}

const fieldNames = Object.keys(sealedColumns) as SealedField[];
const columnList = Object.values(sealedColumns);

/** "<version>.<keyId>" of an envelope: everything before its second dot. */
const headerOf = (column: SQLiteColumn): SQL =>
  sql`substr(${column}, 1, instr(${column}, '.') + instr(substr(${column}, instr(${column}, '.') + 1), '.') - 1)`;
const startsWith = (column: SQLiteColumn, prefix: string): SQL =>
  sql`substr(${column}, 1, ${prefix.length}) = ${prefix}`;

const rowSelection = {
  credentialId: gongCredential.id,
  workspaceId: gongCredential.workspaceId,
  accessKey: gongCredential.accessKeySealed,
  secretKey: gongCredential.secretKeySealed,
  accessToken: gongCredential.accessTokenSealed,
  refreshToken: gongCredential.refreshTokenSealed,
};
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
  // Prepared once: a rewrap of 100,000 rows runs this statement 100,000 times.
  const compareAndSetRow = db
    .update(gongCredential)
    .set({
      accessKeySealed: sql`${sql.placeholder('next_accessKey')}`,
      secretKeySealed: sql`${sql.placeholder('next_secretKey')}`,
      accessTokenSealed: sql`${sql.placeholder('next_accessToken')}`,
      refreshTokenSealed: sql`${sql.placeholder('next_refreshToken')}`,
    })
    .where(
      and(
        eq(gongCredential.id, sql.placeholder('id')),
        ...fieldNames.map((f) => sql`${sealedColumns[f]} is ${sql.placeholder(`expected_${f}`)}`),
      ),
    )
    .prepare();

  return {
    keyUsage(): Array<{ header: string; count: number }> {
      const envelopes = sql.join(
        columnList.map(
          (c) => sql`select ${headerOf(c)} as header from ${gongCredential} where ${c} is not null`,
        ),
        sql` union all `,
      );
      return db.all<{ header: string; count: number }>(
        sql`select header, count(*) as count from (${envelopes}) group by header order by header`,
      );
    },

    sampleRow(prefix: string): SealedRow | undefined {
      const row = db
        .select(rowSelection)
        .from(gongCredential)
        .where(or(...columnList.map((c) => startsWith(c, prefix))))
        .limit(1)
        .get();
      return row ? toSealedRow(row) : undefined;
    },

    rowsNotMatching(prefix: string, after: string | null, limit: number): SealedRow[] {
      const stale = or(...columnList.map((c) => sql`(${c} is not null and not ${startsWith(c, prefix)})`));
      return db
        .select(rowSelection)
        .from(gongCredential)
        .where(after === null ? stale : and(gt(gongCredential.id, after), stale))
        .orderBy(asc(gongCredential.id))
        .limit(limit)
        .all()
        .map(toSealedRow);
    },

    compareAndSet(
      updates: Array<{ credentialId: string; expected: SealedFields; next: SealedFields }>,
    ): number {
      // Synchronous transaction, no awaits inside (better-sqlite3). `IS` compares nulls too.
      return db.transaction(() => {
        let changed = 0;
        for (const { credentialId, expected, next } of updates) {
          changed += compareAndSetRow.run({
            id: credentialId,
            ...Object.fromEntries(fieldNames.map((f) => [`next_${f}`, next[f]])),
            ...Object.fromEntries(fieldNames.map((f) => [`expected_${f}`, expected[f]])),
          }).changes;
        }
        return changed;
      });
    },

    listCanaries(): Array<{ keyId: string; envelope: string }> {
      return db
        .select({ keyId: vaultKeyCanary.keyId, envelope: vaultKeyCanary.envelope })
        .from(vaultKeyCanary)
        .orderBy(asc(vaultKeyCanary.keyId))
        .all();
    },

    putCanary(keyId: string, envelope: string): void {
      db.insert(vaultKeyCanary).values({ keyId, envelope }).onConflictDoNothing().run();
    },

    deleteCanary(keyId: string): void {
      db.delete(vaultKeyCanary).where(eq(vaultKeyCanary.keyId, keyId)).run();
    },
  };
}

export type VaultStoreDb = ReturnType<typeof createVaultStore>;
