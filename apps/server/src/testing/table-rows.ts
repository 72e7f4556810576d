// Dialect-neutral table reads for assertions ("nothing else moved"): the same on SQLite and PostgreSQL, through
// the data layer. Rows are compared as a set (sorted by their JSON), since PostgreSQL has no rowid order.
import type { Db, Tables } from '@callmine/db';
import { count } from 'drizzle-orm';

export type TableName = keyof Tables & string;

// The tables object also carries relations and other exports; the callers name real tables.
// biome-ignore lint/suspicious/noExplicitAny: a table picked by name; the drizzle builders accept any table
const table = (db: Db, name: TableName) => db.tables[name] as any;

export async function countRows(db: Db, name: TableName): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table(db, name));
  return Number(row?.n ?? 0);
}

/** Every row of the table as one string, independent of row order. */
export async function tableSnapshot(db: Db, name: TableName): Promise<string> {
  const rows: unknown[] = await db.select().from(table(db, name));
  return JSON.stringify(rows.map((row) => JSON.stringify(row)).sort());
}
