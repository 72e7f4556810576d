// Every stored row of one workspace, table by table, read through the data layer (the same on SQLite and
// PostgreSQL): the suite compares this before and after workspace B's callers have tried everything, so any change
// to A anywhere is caught. A table joins when it has a workspace_id or organization_id column.
import type { Db, Tables } from '@callmine/db';
import { type Column, eq, getTableColumns, getTableName, is, Table } from 'drizzle-orm';

export async function tenantRows(db: Db, workspaceId: string): Promise<Record<string, unknown[]>> {
  const rows: Record<string, unknown[]> = {};
  for (const table of Object.values(db.tables)) {
    if (!is(table, Table)) continue;
    const name = getTableName(table);
    const columns = Object.values(getTableColumns(table)) as Column[];
    const keyName =
      name === 'organization'
        ? 'id'
        : ['workspace_id', 'organization_id'].find((c) => columns.some((k) => k.name === c));
    const key = columns.find((c) => c.name === keyName);
    if (!key) continue;
    // Any table of the schema, picked at run time: typed as one of them for the builder (select() reads them all alike).
    const from = table as unknown as Tables['organization'];
    const found: unknown[] = await db.select().from(from).where(eq(key, workspaceId));
    // Sorted by content: PostgreSQL has no rowid order, and the comparison is of sets of rows.
    rows[name] = found.map((row) => JSON.stringify(row)).sort();
  }
  return rows;
}
