// What a migrated database holds, in one shape for both dialects (schema-parity.test.ts compares them).
import type BetterSqlite from 'better-sqlite3';
import type pg from 'pg';

export interface IntrospectedTable {
  /** Column name → nullability and whether it has a default (identity and AUTOINCREMENT ids have none). */
  columns: Record<string, { nullable: boolean; hasDefault: boolean }>;
  primaryKey: string[];
  /** Index name → unique and its columns, in order (unique constraints included; the primary key's not). */
  indexes: Record<string, { unique: boolean; columns: string[] }>;
  /** One entry per foreign key: "col,col → table(col,col) on delete <action>", sorted. */
  foreignKeys: string[];
}

export interface Introspected {
  tables: Record<string, IntrospectedTable>;
}

const foreignKey = (from: string[], table: string, to: string[], onDelete: string) =>
  `${from.join(',')} → ${table}(${to.join(',')}) on delete ${onDelete.toLowerCase()}`;

export function introspectSqlite(sqlite: BetterSqlite.Database): Introspected {
  const all = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).all(...params) as T[];
  const names = all<{ name: string }>(
    "select name from pragma_table_list where schema = 'main' and type = 'table' " +
      "and name not like 'sqlite_%' and name <> '__drizzle_migrations'",
  ).map((row) => row.name);
  const tables: Record<string, IntrospectedTable> = {};
  for (const name of names) {
    const info = all<{ name: string; notnull: number; pk: number; dflt_value: string | null }>(
      'select name, "notnull", pk, dflt_value from pragma_table_info(?)',
      name,
    );
    const indexes: IntrospectedTable['indexes'] = {};
    for (const index of all<{ name: string; unique: number; origin: string }>(
      'select name, "unique", origin from pragma_index_list(?)',
      name,
    )) {
      if (index.origin === 'pk') continue;
      const columns = all<{ name: string }>(
        'select name from pragma_index_info(?) order by seqno',
        index.name,
      );
      indexes[index.name] = { unique: index.unique === 1, columns: columns.map((column) => column.name) };
    }
    const keys = new Map<number, { table: string; from: string[]; to: string[]; onDelete: string }>();
    for (const row of all<{ id: number; table: string; from: string; to: string; on_delete: string }>(
      'select id, "table", "from", "to", on_delete from pragma_foreign_key_list(?) order by id, seq',
      name,
    )) {
      const key = keys.get(row.id) ?? { table: row.table, from: [], to: [], onDelete: row.on_delete };
      key.from.push(row.from);
      key.to.push(row.to);
      keys.set(row.id, key);
    }
    tables[name] = {
      columns: Object.fromEntries(
        info.map((column) => [
          column.name,
          { nullable: column.notnull === 0, hasDefault: column.dflt_value !== null },
        ]),
      ),
      primaryKey: info
        .filter((column) => column.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((column) => column.name),
      indexes,
      foreignKeys: [...keys.values()]
        .map((key) => foreignKey(key.from, key.table, key.to, key.onDelete))
        .sort(),
    };
  }
  return { tables };
}

const pgOnDelete: Record<string, string> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

export async function introspectPostgres(pool: pg.Pool): Promise<Introspected> {
  const rows = async <T>(query: string) => (await pool.query(query)).rows as T[];
  const columns = await rows<{ table: string; column: string; nullable: boolean; has_default: boolean }>(`
    select c.table_name as table, c.column_name as column, c.is_nullable = 'YES' as nullable,
           c.column_default is not null as has_default
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`);
  const primaryKeys = await rows<{ table: string; columns: string[] }>(`
    select cl.relname as table,
           array(select a.attname::text from unnest(con.conkey) with ordinality k(attnum, n)
                 join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum order by k.n) as columns
    from pg_constraint con join pg_class cl on cl.oid = con.conrelid
    join pg_namespace ns on ns.oid = cl.relnamespace
    where con.contype = 'p' and ns.nspname = 'public'`);
  const indexes = await rows<{ table: string; name: string; unique: boolean; columns: string[] }>(`
    select t.relname as table, i.relname as name, ix.indisunique as unique,
           array(select a.attname::text from unnest(ix.indkey) with ordinality k(attnum, n)
                 join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum order by k.n) as columns
    from pg_index ix join pg_class i on i.oid = ix.indexrelid join pg_class t on t.oid = ix.indrelid
    join pg_namespace ns on ns.oid = t.relnamespace
    where ns.nspname = 'public' and not ix.indisprimary`);
  const foreignKeys = await rows<{
    table: string;
    from: string[];
    target: string;
    to: string[];
    action: string;
  }>(`
    select cl.relname as table, ref.relname as target, con.confdeltype as action,
           array(select a.attname::text from unnest(con.conkey) with ordinality k(attnum, n)
                 join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum order by k.n) as from,
           array(select a.attname::text from unnest(con.confkey) with ordinality k(attnum, n)
                 join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum order by k.n) as to
    from pg_constraint con join pg_class cl on cl.oid = con.conrelid join pg_class ref on ref.oid = con.confrelid
    join pg_namespace ns on ns.oid = cl.relnamespace
    where con.contype = 'f' and ns.nspname = 'public'`);

  const tables: Record<string, IntrospectedTable> = {};
  for (const column of columns) {
    tables[column.table] ??= { columns: {}, primaryKey: [], indexes: {}, foreignKeys: [] };
    tables[column.table]!.columns[column.column] = {
      nullable: column.nullable,
      hasDefault: column.has_default,
    };
  }
  for (const key of primaryKeys) tables[key.table]!.primaryKey = key.columns;
  for (const index of indexes) {
    tables[index.table]!.indexes[index.name] = { unique: index.unique, columns: index.columns };
  }
  for (const key of foreignKeys) {
    tables[key.table]!.foreignKeys.push(foreignKey(key.from, key.target, key.to, pgOnDelete[key.action]!));
  }
  for (const table of Object.values(tables)) table.foreignKeys.sort();
  return { tables };
}
