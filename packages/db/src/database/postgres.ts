// PostgreSQL behind the data-layer interface (types.ts): drizzle node-postgres over a pg.Pool, the tables of
// schema-pg/ (the same names and JS values as the SQLite ones), migrations from migrations-pg/ applied once under an
// advisory lock, and an async, reentrant transaction with an optional cross-process lock key.
import { AsyncLocalStorage } from 'node:async_hooks';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SQLWrapper, sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as pgSchema from '../schema-pg/index.ts';
import { registerContextStorages, withContextStorage } from './context-storage.ts';
import { assertNotMigratedByNewer } from './migration-version.ts';
import { connectError } from './postgres-connect-error.ts';
import { parseNumbersOnEveryClient, poolTypes } from './postgres-numbers.ts';
import type { Database, Db, Tables, TransactionOptions } from './types.ts';

export interface PostgresDatabase extends Database {
  readonly dialect: 'postgres';
  /** The pool, for PostgreSQL-only work (a queue library sharing the connections' settings, tests). */
  readonly pool: pg.Pool;
}

export interface PostgresOptions {
  /** Connections in the pool (pg's default is 10). */
  poolSize?: number;
  /** How long to wait for a connection before failing (default 10 s; pg's default waits for ever). */
  connectionTimeoutMs?: number;
  /** An idle connection failed (the server restarted, the network dropped); the next query gets a new one. */
  onIdleError?: (error: Error) => void;
}

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), '../../migrations-pg');

/** pg_advisory_lock key held while migrating: "CMIG" in ASCII, constant across versions. */
const MIGRATION_LOCK = 0x434d4947;

type PgDb = NodePgDatabase<typeof pgSchema>;
type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0];

/** The transaction the current async context is in; `open` turns false at commit/rollback, so late callbacks
 *  created inside it fall back to the pool instead of using a connection that went back to the pool. */
interface TxContext {
  readonly owner: PgDb;
  readonly tx: PgTx;
  open: boolean;
}
const current = new AsyncLocalStorage<TxContext>();
registerContextStorages(() => [current]);

/**
 * Connects to `url` (postgres:// or postgresql://), applies pending migrations under an advisory lock, and returns the
 * data-layer handle. Fails with one line naming CALLMINE_DATABASE_URL and host:port when the server can't be reached
 * or refuses the credentials, and refuses a database migrated by a newer Callmine.
 */
export async function openPostgresDatabase(
  url: string,
  options: PostgresOptions = {},
): Promise<PostgresDatabase> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
    types: poolTypes,
  });
  // Without a listener an idle connection's error would crash the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  // The pool listens on idle connections only: one checked out (a transaction between statements) that loses its
  // server emits 'error' with no listener, which would crash the process. The statement in flight, or the next one,
  // fails with the error instead, and the pool drops the connection when it is released.
  pool.on('connect', (client) => client.on('error', () => {}));
  parseNumbersOnEveryClient(pool);
  try {
    await migrateUnderLock(pool, url);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }

  const base = drizzle({ client: pool, schema: pgSchema });
  const db = routedToTransaction(base);
  let closed = false;
  return {
    dialect: 'postgres',
    db,
    pool,
    ping: async () => {
      await pool.query('select 1');
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** Applies migrations-pg/ to the database at `url` once, however many processes start together. */
async function migrateUnderLock(pool: pg.Pool, url: string): Promise<void> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw connectError(url, error);
  }
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const table = await client.query<{ exists: boolean }>(
        "select to_regclass('drizzle.__drizzle_migrations') is not null as exists",
      );
      if (table.rows[0]?.exists) {
        const applied = await client.query<{ created_at: string }>(
          'select created_at::text as created_at from drizzle.__drizzle_migrations',
        );
        assertNotMigratedByNewer(
          applied.rows.map((row) => Number(row.created_at)),
          migrationsFolder,
        );
      }
      await migrate(drizzle({ client }), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/**
 * The Db handle: drizzle's database, except that inside `transaction` (in that async context) every builder runs in
 * the transaction. Services may thus use the handle they hold or the `tx` they are given, as on SQLite, where one
 * connection makes both the same; a statement on another pooled connection would otherwise wait for locks the
 * transaction holds while the transaction waits for it.
 */
function routedToTransaction(base: PgDb): Db {
  const transaction = async <T>(fn: (tx: Db) => Promise<T>, options: TransactionOptions = {}): Promise<T> => {
    const outer = current.getStore();
    if (outer?.open && outer.owner === base) {
      // Reentrant: the caller's unit of work grows; a lock key asked for here is taken here and held to commit.
      if (options.lock !== undefined) await lockKey(outer.tx, options.lock);
      return fn(db);
    }
    return withContextStorage(() =>
      base.transaction(async (tx) => {
        const context: TxContext = { owner: base, tx, open: true };
        try {
          return await current.run(context, async () => {
            if (options.lock !== undefined) await lockKey(tx, options.lock);
            return fn(db);
          });
        } finally {
          context.open = false;
        }
      }),
    );
  };
  const routed = (): PgDb | PgTx => {
    const context = current.getStore();
    return context?.open && context.owner === base ? context.tx : base;
  };
  const execute = (query: SQLWrapper | string) =>
    routed().execute(typeof query === 'string' ? sql.raw(query) : query);
  const extras: Record<PropertyKey, unknown> = {
    dialect: 'postgres',
    tables: pgSchema as unknown as Tables,
    transaction,
    // The interface's raw-SQL calls (SQLite's names), answered from drizzle's execute.
    all: async (query: SQLWrapper | string) => (await execute(query)).rows,
    get: async (query: SQLWrapper | string) => (await execute(query)).rows[0],
    values: async (query: SQLWrapper | string) =>
      (await execute(query)).rows.map((row) => Object.values(row)),
    // PostgreSQL has no rowid: lastInsertRowid is always 0 (use RETURNING).
    run: async (query: SQLWrapper | string) => ({
      changes: (await execute(query)).rowCount ?? 0,
      lastInsertRowid: 0,
    }),
  };
  const db = new Proxy(base, {
    get(_target, property) {
      if (Object.hasOwn(extras, property)) return extras[property];
      const source = routed();
      const value: unknown = Reflect.get(source, property, source);
      return typeof value === 'function' ? value.bind(source) : value;
    },
  }) as unknown as Db;
  return db;
}

function lockKey(tx: PgTx, key: string): Promise<unknown> {
  return tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}
