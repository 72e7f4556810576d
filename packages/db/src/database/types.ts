import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type * as schema from '../schema/index.ts';

/** The tables, typed as the SQLite definitions. On PostgreSQL the same names hold pgTable objects whose columns
 *  map to the same JS types (Date for timestamps, parsed JSON, boolean, string, number). */
export type Tables = typeof schema;

export interface TransactionOptions {
  /** Serialises transactions that share this key, across processes. SQLite: every transaction is BEGIN IMMEDIATE,
   *  which already serialises all writers, so the key is ignored. PostgreSQL: pg_advisory_xact_lock(hashtext(key)). */
  lock?: string;
}

/** The query handle every service receives. Await every builder; never `.get()/.all()/.run()/.values()`
 *  (SQLite-only). One row: `const [row] = await db.select(...).limit(1)`. */
export type Db = Omit<BaseSQLiteDatabase<'async', unknown, Tables>, 'transaction'> & {
  readonly dialect: 'sqlite' | 'postgres';
  /** This database's tables (use these, not a static import, so the same code runs on both dialects). */
  readonly tables: Tables;
  /** One atomic unit, async on both dialects. Reentrant: called on a handle that is already inside a transaction it
   *  just runs `fn` in that transaction. Only awaited DB statements inside; never network. */
  transaction<T>(fn: (tx: Db) => Promise<T>, options?: TransactionOptions): Promise<T>;
};

export interface Database {
  readonly dialect: 'sqlite' | 'postgres';
  readonly db: Db;
  /** A cheap round trip for /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
