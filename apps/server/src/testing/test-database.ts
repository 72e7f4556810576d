// Which database the test servers and workers of this test file use: the SQLite file in the data dir, or, when
// CALLMINE_TEST_DIALECT=postgres (the "… on PostgreSQL" vitest projects), a fresh PostgreSQL database copied from
// the template the global setup migrated once. A worker started on a server's data dir finds that server's database
// here, so callers pass a data dir on both dialects.
import type { Database, SqliteDatabase } from '@callmine/db';
import { createTestPostgresDatabase } from '@callmine/db/testing/postgres';

export type TestDialect = Database['dialect'];

export function testDialect(): TestDialect {
  return process.env.CALLMINE_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
}

interface Created {
  url: string;
  drop(): Promise<void>;
}
/** data dir → the PostgreSQL database created for it. */
const byDataDir = new Map<string, Created>();

/** The env that points a process at the data dir's database: {} on SQLite, CALLMINE_DATABASE_URL on PostgreSQL
 *  (creating the database the first time a data dir asks). */
export async function testDatabaseEnv(dataDir: string): Promise<Record<string, string>> {
  if (testDialect() !== 'postgres') return {};
  let created = byDataDir.get(dataDir);
  if (!created) {
    const database = await createTestPostgresDatabase();
    created = { url: database.url, drop: () => database[Symbol.asyncDispose]() };
    byDataDir.set(dataDir, created);
  }
  return { CALLMINE_DATABASE_URL: created.url };
}

/** The env for a data dir whose server already made its database (workers, spawned processes). */
export function existingDatabaseEnv(dataDir: string): Record<string, string> {
  const created = byDataDir.get(dataDir);
  return created ? { CALLMINE_DATABASE_URL: created.url } : {};
}

/** Drops the data dir's PostgreSQL database (a no-op on SQLite). */
export async function dropTestDatabase(dataDir: string): Promise<void> {
  const created = byDataDir.get(dataDir);
  byDataDir.delete(dataDir);
  await created?.drop();
}

/** A test's database handle. `sqlite` (raw SQL for assertions) exists on SQLite only; on PostgreSQL reading it
 *  fails with a message, so a test that still needs porting says so instead of passing by accident. */
export type TestDatabase = Database & { readonly sqlite: SqliteDatabase['sqlite'] };

export function asTestDatabase(database: Database): TestDatabase {
  if ('sqlite' in database) return database as TestDatabase;
  return Object.defineProperty(Object.create(database), 'sqlite', {
    get() {
      throw new Error('This test reads SQLite directly; on PostgreSQL use database.db (the data layer).');
    },
  }) as TestDatabase;
}
