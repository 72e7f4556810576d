// The SQLite and PostgreSQL schemas must describe one database: the same tables, columns, keys, indexes and foreign
// keys after their real migrations, and drizzle columns that hand out the same JS types. A column added to one
// schema (or one migration folder) only fails here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite from 'better-sqlite3';
import { getTableColumns, getTableName, is, Table } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { expect, it } from 'vitest';
import * as sqliteSchema from '../schema/index.ts';
import * as pgSchema from '../schema-pg/index.ts';
import { openTestPostgresDatabase } from '../testing/postgres-database.ts';
import { type Introspected, introspectPostgres, introspectSqlite } from '../testing/schema-introspection.ts';

const sqliteMigrations = join(dirname(fileURLToPath(import.meta.url)), '../../migrations');

async function introspectBoth(): Promise<{ sqlite: Introspected; postgres: Introspected }> {
  const dir = mkdtempSync(join(tmpdir(), 'callmine-parity-'));
  const sqlite = new BetterSqlite(join(dir, 'parity.db'));
  try {
    migrate(drizzle(sqlite), { migrationsFolder: sqliteMigrations });
    await using pg = await openTestPostgresDatabase({ poolSize: 1 });
    return { sqlite: introspectSqlite(sqlite), postgres: await introspectPostgres(pg.pool) };
  } finally {
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

it('both migrated databases have the same tables, columns, primary keys, indexes and foreign keys', async () => {
  const { sqlite, postgres } = await introspectBoth();
  expect(Object.keys(postgres.tables).sort()).toEqual(Object.keys(sqlite.tables).sort());
  // Table by table, so a failure names the table that differs.
  for (const table of Object.keys(sqlite.tables)) {
    expect({ table, ...postgres.tables[table] }).toEqual({ table, ...sqlite.tables[table] });
  }
  // And the migrations made every table the schema declares.
  const declared = Object.values(sqliteSchema).filter((value) => is(value, Table));
  expect(Object.keys(sqlite.tables).sort()).toEqual(declared.map((table) => getTableName(table)).sort());
});

it('the drizzle schemas export the same tables, whose columns give the same JS types', () => {
  expect(Object.keys(pgSchema).sort()).toEqual(Object.keys(sqliteSchema).sort());
  const describe = (schema: Record<string, unknown>) =>
    Object.fromEntries(
      Object.entries(schema)
        .filter((entry): entry is [string, Table] => is(entry[1], Table))
        .map(([key, table]) => [
          key,
          {
            name: getTableName(table),
            columns: Object.fromEntries(
              Object.entries(getTableColumns(table)).map(([property, column]) => [
                property,
                {
                  name: column.name,
                  // 'date' (Date), 'json' (parsed), 'boolean', 'string', 'number'.
                  dataType: column.dataType,
                  notNull: column.notNull,
                  enumValues: column.enumValues ?? null,
                },
              ]),
            ),
          },
        ]),
    );
  const sqliteTables = describe(sqliteSchema);
  const pgTables = describe(pgSchema);
  for (const key of Object.keys(sqliteTables)) {
    expect({ key, ...pgTables[key] }).toEqual({ key, ...sqliteTables[key] });
  }
});
