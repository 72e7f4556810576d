// The order in which `db copy` moves tables: parents before children, derived from the schema's foreign keys so a
// table added later is copied without anyone remembering to list it.
import { getTableName, is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Tables } from '../database/types.ts';

export type TableKey = {
  [K in keyof Tables]: Tables[K] extends SQLiteTable ? K : never;
}[keyof Tables];

/** Every table of `tables` (the schema module's exports), each after the tables its foreign keys reference. */
export function tablesInCopyOrder(tables: Tables): TableKey[] {
  const keyOf = new Map<SQLiteTable, TableKey>();
  for (const [key, value] of Object.entries(tables)) {
    if (is(value, SQLiteTable)) keyOf.set(value, key as TableKey);
  }
  const parents = new Map<TableKey, Set<TableKey>>();
  for (const [table, key] of keyOf) {
    const referenced = new Set<TableKey>();
    for (const foreignKey of getTableConfig(table).foreignKeys) {
      const parent = keyOf.get(foreignKey.reference().foreignTable);
      if (!parent) throw new Error(`${getTableName(table)} references a table outside the schema`);
      // A self-reference would need rows ordered within the table; none exists today, so refuse rather than guess.
      if (parent === key)
        throw new Error(`${getTableName(table)} references itself: the copy can't order its rows`);
      referenced.add(parent);
    }
    parents.set(key, referenced);
  }
  const ordered: TableKey[] = [];
  const placed = new Set<TableKey>();
  // Alphabetical among the ready ones, so the order (and the command's output) is stable.
  const pending = [...parents.keys()].sort();
  while (pending.length > 0) {
    const index = pending.findIndex((key) =>
      [...(parents.get(key) ?? [])].every((parent) => placed.has(parent)),
    );
    if (index === -1) throw new Error(`foreign keys form a cycle among ${pending.join(', ')}`);
    const [key] = pending.splice(index, 1);
    if (key === undefined) break;
    ordered.push(key);
    placed.add(key);
  }
  return ordered;
}
