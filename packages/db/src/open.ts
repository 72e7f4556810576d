import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index.ts';

export type Db = BetterSQLite3Database<typeof schema>;

export interface OpenedDatabase {
  db: Db;
  /** The raw connection, for pragmas, backups (`VACUUM INTO`) and closing. */
  sqlite: Database.Database;
  close(): void;
}

// From a path string, not `new URL()`: under jsdom (component tests) URL is not Node's.
const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), '../migrations');

/**
 * Opens (creating if needed) the SQLite file at `path` and applies every pending migration.
 * WAL + synchronous=FULL: a committed credential swap survives power loss; foreign keys on; a busy
 * timeout so a second process (the worker) waits for a lock instead of failing.
 */
export function openDatabase(path: string, options: { busyTimeoutMs?: number } = {}): OpenedDatabase {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // The file holds customers' call transcripts: owner-only, like the keyring. Created 0600 before SQLite opens
    // it (SQLite gives its -wal and -shm files the database file's mode), and tightened if an older start made it
    // readable by others.
    closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
  }
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return { db, sqlite, close: () => sqlite.close() };
}
