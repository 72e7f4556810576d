// One fixture for tests that run on both dialects: `await using database = await openTestDatabase(dialect)`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Database, Db } from '../database/types.ts';
import * as schema from '../schema/index.ts';
import { openTestPostgresDatabase } from './postgres-database.ts';

export type Dialect = Database['dialect'];
export const dialects: readonly Dialect[] = ['sqlite', 'postgres'];

const sqliteMigrations = join(dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** A migrated, empty database of `dialect`, removed on dispose. */
export async function openTestDatabase(dialect: Dialect): Promise<Database & AsyncDisposable> {
  if (dialect === 'postgres') return openTestPostgresDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'callmine-test-db-'));
  const sqlite = new BetterSqlite(join(dir, 'callmine.db'));
  sqlite.pragma('foreign_keys = ON');
  const base = drizzle(sqlite, { schema });
  migrate(base, { migrationsFolder: sqliteMigrations });
  // Until the async SQLite handle lands (branch `dal`), the sync drizzle instance stands in: its builders await.
  // A proxy, not new properties: drizzle's own methods read `this.dialect` (its SQL dialect object).
  const extras: Record<PropertyKey, unknown> = { dialect: 'sqlite', tables: schema };
  const db = new Proxy(base, {
    get: (target, property) => {
      if (Object.hasOwn(extras, property)) return extras[property];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as unknown as Db;
  const close = async () => {
    if (sqlite.open) sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return {
    dialect: 'sqlite',
    db,
    ping: async () => {
      sqlite.prepare('select 1').get();
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
