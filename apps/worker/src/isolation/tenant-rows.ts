// Every stored row of one workspace, table by table, read straight from SQLite: the suite compares this before
// and after workspace B's callers have tried everything, so any change to A anywhere is caught.
import type { OpenedDatabase } from '@callmine/db';

export function tenantRows(sqlite: OpenedDatabase['sqlite'], workspaceId: string): Record<string, unknown[]> {
  const listTables = sqlite.prepare(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'",
  );
  const tables = listTables.all() as { name: string }[];
  const rows: Record<string, unknown[]> = {};
  for (const { name } of tables) {
    const tableInfo = sqlite.prepare(`pragma table_info("${name}")`);
    const columns = (tableInfo.all() as { name: string }[]).map((c) => c.name);
    const key =
      name === 'organization' ? 'id' : ['workspace_id', 'organization_id'].find((c) => columns.includes(c));
    if (!key) continue;
    rows[name] = sqlite.prepare(`select * from "${name}" where "${key}" = ? order by rowid`).all(workspaceId);
  }
  return rows;
}
