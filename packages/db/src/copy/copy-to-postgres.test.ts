// `db copy` moves every table, row for row, into an empty PostgreSQL database, and refuses one that holds rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTableName } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresDatabase } from '../database/postgres.ts';
import { openSqliteDatabase, type SqliteDatabase } from '../database/sqlite.ts';
import type { Db } from '../database/types.ts';
import { openQueue } from '../queue/open-queue.ts';
import { jobIdFor } from '../queue/pg-boss-queue.ts';
import { ANALYSIS_RUN_JOB } from '../queue/queue.ts';
import { createTestPostgresDatabase } from '../testing/postgres-database.ts';
import { introspectSqlite } from '../testing/schema-introspection.ts';
import { fillEveryTable } from '../testing/synthetic-rows.ts';
import { type TableKey, tablesInCopyOrder } from './copy-order.ts';
import { copySqliteToPostgres, TargetNotEmptyError } from './copy-to-postgres.ts';

describe('the copy order', () => {
  it('names every table the SQLite migrations create, each after the tables it references', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callmine-copy-order-'));
    const opened = openSqliteDatabase(join(dir, 'callmine.db'));
    try {
      const tables = opened.db.tables;
      const order = tablesInCopyOrder(tables).map((key) => getTableConfig(tables[key] as SQLiteTable));
      const names = order.map((config) => config.name);
      expect([...names].sort()).toEqual(Object.keys(introspectSqlite(opened.sqlite).tables).sort());
      order.forEach((config, index) => {
        for (const foreignKey of config.foreignKeys) {
          const parent = getTableConfig(foreignKey.reference().foreignTable).name;
          expect(names.indexOf(parent), `${config.name} → ${parent}`).toBeLessThan(index);
        }
      });
    } finally {
      opened.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

async function everyRow(db: Db, order: readonly TableKey[]): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  // The order comes from the SQLite definitions; db.tables holds pg tables on PostgreSQL.
  for (const key of order) {
    const table = db.tables[key] as SQLiteTable;
    const rows: unknown[] = await db.select().from(table);
    // PostgreSQL has no rowid: compare as sets, in one canonical order.
    out[getTableName(table)] = rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return out;
}

describe('copying a SQLite install into PostgreSQL', () => {
  let dir: string;
  let source: SqliteDatabase;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'callmine-copy-'));
    source = openSqliteDatabase(join(dir, 'callmine.db'));
  });
  afterEach(() => {
    source.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies every table row for row, then refuses to copy into the now non-empty target', async () => {
    const filled = await fillEveryTable(source.db);
    expect(Object.values(filled).every((rows) => rows === 2)).toBe(true);
    await using empty = await createTestPostgresDatabase();
    const target = await openPostgresDatabase(empty.url);
    try {
      // The one job kind Callmine has, as a real install's unfinished jobs carry.
      await source.db.update(source.db.tables.job).set({ kind: ANALYSIS_RUN_JOB });
      const queues = await openQueue(target, { supervise: false });
      const copied = await copySqliteToPostgres(source, target, { queue: queues });
      await queues.stop();
      expect(Object.fromEntries(copied.map((t) => [t.table, t.rows]))).toEqual(filled);
      const order = tablesInCopyOrder(source.db.tables);
      expect(await everyRow(target.db, order)).toEqual(await everyRow(source.db, order));

      // The unfinished jobs (the filler makes one queued, one running) wait in pg-boss under their keys.
      const pending = await source.db.select().from(source.db.tables.job);
      expect(pending.map((row) => row.status).sort()).toEqual(['queued', 'running']);
      const inBoss = await target.pool.query<{ id: string; grp: string | null }>(
        'select id::text, singleton_key as grp from pgboss.job order by id',
      );
      expect(inBoss.rows.map((row) => [row.id, row.grp]).sort()).toEqual(
        pending.map((row) => [jobIdFor(row.idempotencyKey), row.groupKey]).sort(),
      );

      // Identity sequences continue after the copied ids (1000 and 1001).
      const t = target.db.tables;
      const [workspace] = await target.db.select({ id: t.organization.id }).from(t.organization).limit(1);
      const [audit] = await target.db
        .insert(t.auditEvent)
        .values({
          workspaceId: workspace?.id ?? '',
          via: 'system',
          action: 'copy.checked',
          subjectId: 's',
          createdAt: new Date(),
        })
        .returning({ id: t.auditEvent.id });
      expect(audit?.id).toBe(1002);

      await expect(copySqliteToPostgres(source, target)).rejects.toBeInstanceOf(TargetNotEmptyError);
      await expect(copySqliteToPostgres(source, target)).rejects.toThrow(/not empty \(.*: 2 rows/);
    } finally {
      await target.close();
    }
    // A PostgreSQL database, pg-boss's schema and 34 tables copied twice: seconds on a loaded machine.
  }, 30_000);
});
