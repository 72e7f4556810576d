// `db copy`: moves an embedded SQLite install into an empty PostgreSQL database migrated by migrations-pg/. Every
// table of the schema, parents first (copy-order.ts), in one PostgreSQL transaction: the target ends up with all of
// it or none of it. Rows go through drizzle on both sides, so each value arrives as the same JS value (instants to
// the millisecond, JSON, booleans; sealed credentials are text envelopes and are copied unchanged).
import { count, getTableName, inArray, sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { PostgresDatabase } from '../database/postgres.ts';
import type { SqliteDatabase } from '../database/sqlite.ts';
import type { Db } from '../database/types.ts';
import type { Queues } from '../queue/open-queue.ts';
import { type TableKey, tablesInCopyOrder } from './copy-order.ts';

export interface CopiedTable {
  readonly table: string;
  readonly rows: number;
}

export interface CopyOptions {
  onTable?: (copied: CopiedTable) => void;
  /** The target's queue (pg-boss): jobs still queued or running in SQLite's `job` table are enqueued there too, in
   *  the same transaction, so a run that was waiting (paused, or mid-way when Callmine stopped) resumes. */
  queue?: Queues;
}

/** The target already holds rows: copying would mix two installs. */
export class TargetNotEmptyError extends Error {
  constructor(readonly tables: readonly CopiedTable[]) {
    super(
      `The PostgreSQL database is not empty (${tables
        .slice(0, 3)
        .map((t) => `${t.table}: ${t.rows} rows`)
        .join(', ')}${tables.length > 3 ? ` and ${tables.length - 3} more tables` : ''}). ` +
        'Copy into a new, empty database.',
    );
    this.name = 'TargetNotEmptyError';
  }
}

/** A table's count differs after the copy (the SQLite file was written meanwhile); nothing was committed. */
export class CopyCountMismatchError extends Error {
  constructor(table: string, source: number, target: number) {
    super(
      `${table}: ${source} rows in SQLite but ${target} copied. Stop Callmine (server and worker) and copy again; ` +
        'nothing was written to PostgreSQL.',
    );
    this.name = 'CopyCountMismatchError';
  }
}

// PostgreSQL takes at most 65,535 parameters per statement.
const MAX_PARAMETERS = 60_000;
const MAX_BATCH = 500;

async function countRows(db: Db, table: SQLiteTable): Promise<number> {
  const [row] = await db.select({ rows: count() }).from(table);
  return Number(row?.rows ?? 0);
}

/** Copies every table of `source` into `target`; returns the rows copied per table, in copy order. */
export async function copySqliteToPostgres(
  source: SqliteDatabase,
  target: PostgresDatabase,
  options: CopyOptions = {},
): Promise<CopiedTable[]> {
  const order = tablesInCopyOrder(source.db.tables);
  const sourceTable = (key: TableKey) => source.db.tables[key] as SQLiteTable;
  // The pg tables carry the same export names; typed as the SQLite ones by the data layer (types.ts).
  const targetTable = (key: TableKey) => target.db.tables[key] as SQLiteTable;

  const occupied: CopiedTable[] = [];
  for (const key of order) {
    const rows = await countRows(target.db, targetTable(key));
    if (rows > 0) occupied.push({ table: getTableName(targetTable(key)), rows });
  }
  if (occupied.length > 0) throw new TargetNotEmptyError(occupied);

  return target.db.transaction(async (tx) => {
    const copied: CopiedTable[] = [];
    for (const key of order) {
      const from = sourceTable(key);
      const to = targetTable(key);
      const columns = Object.keys(getTableConfig(to as unknown as PgTable).columns).length;
      const batch = Math.max(1, Math.min(MAX_BATCH, Math.floor(MAX_PARAMETERS / Math.max(1, columns))));
      let rows = 0;
      for (;;) {
        // rowid keeps the pages stable; every Callmine table has one.
        const page = await source.db.select().from(from).orderBy(sql`rowid`).limit(batch).offset(rows);
        if (page.length === 0) break;
        await tx.insert(to).values(page as never);
        rows += page.length;
        if (page.length < batch) break;
      }
      const inSource = await countRows(source.db, from);
      const inTarget = await countRows(tx, to);
      const name = getTableName(to);
      if (inSource !== rows || inTarget !== rows) {
        throw new CopyCountMismatchError(name, inSource, inTarget);
      }
      await advanceIdentities(tx, to as unknown as PgTable);
      copied.push({ table: name, rows });
      options.onTable?.({ table: name, rows });
    }
    if (options.queue) await requeuePending(source.db, options.queue.on(tx));
    return copied;
  });
}

/** Identity columns got explicit values: their sequences continue after the largest, or the next insert collides. */
async function advanceIdentities(tx: Db, table: PgTable): Promise<void> {
  const config = getTableConfig(table);
  const qualified = `"${config.name.replaceAll('"', '""')}"`;
  for (const column of config.columns) {
    if (!column.generatedIdentity) continue;
    await tx.run(
      sql`select setval(pg_get_serial_sequence(${qualified}, ${column.name}), coalesce(max(${sql.identifier(column.name)}), 0) + 1, false) from ${sql.identifier(config.name)}`,
    );
  }
}

/** Jobs not finished in SQLite, handed to the target's queue with their key, payload, due time, attempts left and
 *  fairness group (the workspace). */
async function requeuePending(source: Db, queue: ReturnType<Queues['on']>): Promise<void> {
  const { job } = source.tables;
  const pending = await source
    .select()
    .from(job)
    .where(inArray(job.status, ['queued', 'running']));
  for (const row of pending) {
    await queue.enqueue({
      kind: row.kind,
      idempotencyKey: row.idempotencyKey,
      payload: row.payload,
      // A running job's lease dies with the copy; it starts again with the attempts it had not used.
      maxAttempts: Math.max(1, row.maxAttempts - row.attempts + (row.status === 'running' ? 1 : 0)),
      runAfter: row.runAfter,
      ...(row.groupKey !== null ? { groupKey: row.groupKey } : {}),
    });
  }
}
