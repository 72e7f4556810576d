// One fixture for tests that run on both dialects: `await using database = await openTestDatabase(dialect)`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteDatabase } from '../database/sqlite.ts';
import type { Database } from '../database/types.ts';
import { openTestPostgresDatabase } from './postgres-database.ts';

export type Dialect = Database['dialect'];
export const dialects: readonly Dialect[] = ['sqlite', 'postgres'];

/** A migrated, empty database of `dialect`, removed on dispose. */
export async function openTestDatabase(dialect: Dialect): Promise<Database & AsyncDisposable> {
  if (dialect === 'postgres') return openTestPostgresDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'callmine-test-db-'));
  const database = openSqliteDatabase(join(dir, 'callmine.db'));
  const close = async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return {
    dialect: 'sqlite',
    db: database.db,
    ping: database.ping,
    close,
    [Symbol.asyncDispose]: close,
  };
}
