// Rows for every table of the schema, made from the columns' types and foreign keys alone, so a test can fill a
// database completely (a table added later is filled too) without knowing what the tables mean.
import { type Column, getTableColumns, is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { type TableKey, tablesInCopyOrder } from '../copy/copy-order.ts';
import type { Db } from '../database/types.ts';

/** Inserts `perTable` rows into every table (parents first); row i of a child references row i of its parent. */
export async function fillEveryTable(db: Db, perTable = 2): Promise<Record<string, number>> {
  const byDbName = new Map<SQLiteTable, Record<string, unknown>[]>();
  const filled: Record<string, number> = {};
  for (const key of tablesInCopyOrder(db.tables)) {
    const table = db.tables[key] as SQLiteTable;
    if (!is(table, SQLiteTable)) continue;
    const config = getTableConfig(table);
    const columns = getTableColumns(table) as Record<string, Column>;
    const rows: Record<string, unknown>[] = [];
    const stored: Record<string, unknown>[] = [];
    for (let i = 0; i < perTable; i++) {
      const values = new Map<string, unknown>();
      for (const column of Object.values(columns)) values.set(column.name, valueFor(column, key, i));
      for (const foreignKey of config.foreignKeys) {
        const reference = foreignKey.reference();
        const parentRow = byDbName.get(reference.foreignTable)?.[i];
        reference.columns.forEach((column, n) => {
          const target = reference.foreignColumns[n];
          if (target) values.set(column.name, parentRow?.[target.name]);
        });
      }
      rows.push(Object.fromEntries(Object.entries(columns).map(([prop, c]) => [prop, values.get(c.name)])));
      stored.push(Object.fromEntries(values));
    }
    await db.insert(table).values(rows as never);
    byDbName.set(table, stored);
    filled[config.name] = rows.length;
  }
  return filled;
}

const at = (i: number) => new Date(Date.UTC(2026, 10, 30, 12, 34, 56, 789) + i * 86_400_001);

function valueFor(column: Column, key: TableKey, i: number): unknown {
  const enumValues = (column as Column & { enumValues?: string[] }).enumValues;
  if (enumValues && enumValues.length > 0) return enumValues[i % enumValues.length];
  switch (column.columnType) {
    case 'SQLiteInteger':
      return 1000 + i;
    case 'SQLiteReal':
      return 0.25 + i;
    case 'SQLiteBoolean':
      return i % 2 === 0;
    case 'SQLiteTimestamp':
      return at(i);
    case 'SQLiteTextJson':
    case 'SQLiteBlobJson':
      return { table: key, row: i, nested: [1, 2.5, 'café ☕', null, true] };
    case 'SQLiteBlobBuffer':
      return Buffer.from([0, 255, i, 0x80, 10]);
    default:
      // Quotes, a backslash and non-ASCII, as a sealed envelope or a transcript would carry.
      return `${key}.${column.name}#${i} "é" 'x' \\ ☕`;
  }
}
