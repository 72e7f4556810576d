// Which database a process opens: PostgreSQL when CALLMINE_DATABASE_URL is set (config.databaseUrl), otherwise the
// embedded SQLite file, so `npm start` still needs nothing installed.
import { openPostgresDatabase, type PostgresOptions } from './postgres.ts';
import { openSqliteDatabase, type SqliteOptions } from './sqlite.ts';
import type { Database } from './types.ts';

/** The part of @callmine/config's Config that says where the database is (db does not depend on config). */
export interface DatabaseLocation {
  databaseUrl: string | undefined;
  databasePath: string;
}

export interface OpenOptions {
  sqlite?: SqliteOptions;
  postgres?: PostgresOptions;
}

export async function openDatabaseFromConfig(
  where: DatabaseLocation,
  options: OpenOptions = {},
): Promise<Database> {
  if (where.databaseUrl) return openPostgresDatabase(where.databaseUrl, options.postgres);
  return openSqliteDatabase(where.databasePath, options.sqlite);
}
