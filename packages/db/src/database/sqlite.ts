// The embedded SQLite database behind the data-layer interface (types.ts): drizzle over one better-sqlite3
// connection, with an async, serialised, reentrant transaction so services are written the same way as on PostgreSQL.
import { AsyncLocalStorage } from 'node:async_hooks';
import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../schema/index.ts';
import { registerContextStorages, withContextStorage } from './context-storage.ts';
import { FifoLock } from './fifo-lock.ts';
import { assertSqliteNotMigratedByNewer } from './migration-version.ts';
import { cacheStatements } from './statement-cache.ts';
import type { Database, Db, TransactionOptions } from './types.ts';

export interface SqliteDatabase extends Database {
  readonly dialect: 'sqlite';
  /** The raw connection, for SQLite-only work (`VACUUM INTO` backups, tests that inspect SQLite itself). */
  readonly sqlite: BetterSqlite.Database;
}

export interface SqliteOptions {
  busyTimeoutMs?: number;
}

// From a path string, not `new URL()`: under jsdom (component tests) URL is not Node's.
const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** Which connection's transaction the current async context is inside (reentrancy, and statements that need not wait). */
interface TxContext {
  readonly lock: FifoLock;
  readonly sqlite: BetterSqlite.Database;
}
const current = new AsyncLocalStorage<TxContext>();
registerContextStorages(() => [current]);

// One lock per file in this process: two handles on the same file (server and worker in one test process) must take
// turns in memory, or the second BEGIN IMMEDIATE would block the event loop on SQLite's busy timeout while the first
// transaction waits for the event loop to finish.
const fileLocks = new Map<string, { lock: FifoLock; users: number }>();

function lockFor(path: string): { lock: FifoLock; release(): void } {
  if (path === ':memory:' || path === '') return { lock: new FifoLock(), release: () => {} };
  const key = resolve(path);
  let entry = fileLocks.get(key);
  if (!entry) {
    entry = { lock: new FifoLock(), users: 0 };
    fileLocks.set(key, entry);
  }
  entry.users += 1;
  const held = entry;
  return {
    lock: held.lock,
    release: () => {
      held.users -= 1;
      if (held.users === 0 && fileLocks.get(key) === held) fileLocks.delete(key);
    },
  };
}

type PreparedMethod = 'run' | 'all' | 'get' | 'values';
const preparedMethods: readonly PreparedMethod[] = ['run', 'all', 'get', 'values'];

/**
 * A statement issued outside any transaction while another async context holds (or waits for) this file's
 * transaction lock would otherwise run on the shared connection inside that open transaction (and be rolled back
 * with it). Such statements wait for their turn in the same FIFO instead. Statements inside the transaction's own
 * async context run at once.
 */
function gateStatements(session: object, context: TxContext): void {
  const { lock } = context;
  const target = session as { prepareQuery: (...args: unknown[]) => Record<PreparedMethod, unknown> };
  const prepareQuery = target.prepareQuery.bind(session);
  target.prepareQuery = (...args: unknown[]) => {
    const prepared = prepareQuery(...args);
    for (const method of preparedMethods) {
      const original = prepared[method] as (...a: unknown[]) => unknown;
      prepared[method] = (...a: unknown[]) => {
        if (!lock.busy || current.getStore()?.lock === lock) return original.apply(prepared, a);
        // Inside the turn, the statement counts as the holder (all() calls values() on the same prepared query).
        return withContextStorage(() =>
          lock.run(async () => current.run(context, () => original.apply(prepared, a))),
        );
      };
    }
    return prepared;
  };
}

/**
 * The drizzle instance seen through the interface: `dialect`, `tables` and `transaction` answered here, everything
 * else from drizzle. A proxy, not new properties: drizzle's own methods read `this.dialect` (its SQL dialect object),
 * so methods are bound to the real instance.
 */
function augment(base: object, extra: Pick<Db, 'dialect' | 'tables' | 'transaction'>): Db {
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(base, {
    get(target, property) {
      if (property in extra) return extra[property as keyof typeof extra];
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      let method = bound.get(property);
      if (!method) {
        method = (value as (...args: unknown[]) => unknown).bind(target);
        bound.set(property, method);
      }
      return method;
    },
  }) as Db;
}

/**
 * Opens (creating if needed) the SQLite file at `path` and applies every pending migration.
 * WAL + synchronous=FULL: a committed credential swap survives power loss; foreign keys on; a busy
 * timeout so a second process (the worker) waits for a lock instead of failing.
 */
export function openSqliteDatabase(path: string, options: SqliteOptions = {}): SqliteDatabase {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // The file holds customers' call transcripts: owner-only, like the keyring. Created 0600 before SQLite opens
    // it (SQLite gives its -wal and -shm files the database file's mode), and tightened if an older start made it
    // readable by others.
    closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
  }
  const sqlite = new BetterSqlite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
  try {
    assertSqliteNotMigratedByNewer(sqlite, migrationsFolder);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const base = drizzle(sqlite, { schema });
  migrateWithoutForeignKeys(sqlite, () => migrate(base, { migrationsFolder }));

  const { lock, release } = lockFor(path);
  const context: TxContext = { lock, sqlite };
  const { session } = base as unknown as { session: object };
  // After migrating: the migrations' one-off texts need no place in the cache.
  cacheStatements(session, sqlite);
  gateStatements(session, context);

  let db: Db;
  const transaction = async <T>(fn: (tx: Db) => Promise<T>, _options?: TransactionOptions): Promise<T> => {
    // Reentrant: already inside a transaction on this connection, the caller's unit of work just grows.
    if (current.getStore() === context) return fn(db);
    // Every transaction is IMMEDIATE (takes the write lock at BEGIN), which serialises all writers across processes;
    // `options.lock` therefore needs nothing more here.
    return withContextStorage(() =>
      lock.run(() =>
        current.run(context, async () => {
          sqlite.exec('BEGIN IMMEDIATE');
          let result: T;
          try {
            result = await fn(db);
          } catch (error) {
            if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
            throw error;
          }
          try {
            sqlite.exec('COMMIT');
          } catch (error) {
            if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
            throw error;
          }
          return result;
        }),
      ),
    );
  };
  db = augment(base, { dialect: 'sqlite', tables: schema, transaction });

  let closed = false;
  return {
    dialect: 'sqlite',
    db,
    sqlite,
    ping: async () => {
      sqlite.exec('select 1');
    },
    close: async () => {
      if (closed) return;
      closed = true;
      release();
      sqlite.close();
    },
  };
}

/**
 * Runs the migrations with foreign keys off, as SQLite's table-rebuild procedure requires: drizzle applies them in
 * one transaction, where a migration's own `PRAGMA foreign_keys=OFF` is a no-op, so rebuilding a parent table (drop
 * the old, rename the new) would otherwise cascade-delete its children's rows. Any row left violating a key fails
 * the start.
 */
function migrateWithoutForeignKeys(sqlite: BetterSqlite.Database, run: () => void): void {
  sqlite.pragma('foreign_keys = OFF');
  try {
    run();
    const violations = sqlite.pragma('foreign_key_check') as { table: string; parent: string }[];
    if (violations.length > 0) {
      const first = violations[0];
      throw new Error(
        `The migrations left ${violations.length} row(s) breaking a foreign key (first: ${first?.table} → ${first?.parent}).`,
      );
    }
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}
