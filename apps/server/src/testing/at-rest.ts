// Everything a server keeps at rest, for "no secret is stored in the clear" checks on both dialects: the data
// dir's files (on SQLite that includes callmine.db, checkpointed so the WAL's pages are in it too) and, on
// PostgreSQL, every table's rows read through the data layer (the database lives outside the data dir there).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { getTableName, is, Table } from 'drizzle-orm';
import type { TestDatabase } from './test-database.ts';

export interface StoredFile {
  name: string;
  bytes: Buffer;
}

/** Strings as they are and bytes as bytes, so a secret in any column shows up as its own text. */
function rowBytes(row: Record<string, unknown>): Buffer {
  return Buffer.concat(
    Object.values(row).map((value) => {
      if (value instanceof Uint8Array) return Buffer.from(value);
      return Buffer.from(`${typeof value === 'string' ? value : (JSON.stringify(value) ?? '')}\n`);
    }),
  );
}

export async function storedAtRest(
  server: { database: TestDatabase; dataDir: string },
  exclude: readonly string[] = [],
): Promise<StoredFile[]> {
  const { database, dataDir } = server;
  if (database.dialect === 'sqlite') database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const stored: StoredFile[] = [];
  for (const name of readdirSync(dataDir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dataDir, name);
    if (!exclude.includes(name) && statSync(path).isFile()) stored.push({ name, bytes: readFileSync(path) });
  }
  if (database.dialect === 'sqlite') {
    if (!stored.some((file) => file.name === 'callmine.db'))
      throw new Error('callmine.db is not in the data dir');
    return stored;
  }
  const { db } = database;
  for (const table of Object.values(db.tables)) {
    if (!is(table, Table)) continue;
    // biome-ignore lint/suspicious/noExplicitAny: every table of the schema, picked at run time
    const rows: Record<string, unknown>[] = await db.select().from(table as any);
    stored.push({ name: `postgres:${getTableName(table)}`, bytes: Buffer.concat(rows.map(rowBytes)) });
  }
  return stored;
}
