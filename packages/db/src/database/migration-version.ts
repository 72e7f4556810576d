// A database migrated by a newer Callmine has migrations this code does not know. Drizzle's migrator would skip
// them silently and this code would then misread tables it does not understand, so opening refuses instead.
import type BetterSqlite from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';

/** The newest migration (its journal `when`, which the migrators store as `created_at`) in `migrationsFolder`. */
export function newestKnownMigration(migrationsFolder: string): number {
  return Math.max(0, ...readMigrationFiles({ migrationsFolder }).map((migration) => migration.folderMillis));
}

/**
 * Throws when any applied migration (its stored `created_at`) is newer than every migration in
 * `migrationsFolder`, i.e. a newer Callmine migrated this database.
 */
export function assertNotMigratedByNewer(
  appliedCreatedAt: readonly number[],
  migrationsFolder: string,
): void {
  const newestKnown = newestKnownMigration(migrationsFolder);
  const unknown = appliedCreatedAt.filter((createdAt) => createdAt > newestKnown);
  if (unknown.length === 0) return;
  const newestApplied = new Date(Math.max(...unknown)).toISOString();
  throw new Error(
    `This database was migrated by a newer Callmine: it has ${unknown.length} migration(s) this version does not ` +
      `know (the newest from ${newestApplied}; this version's newest is from ${new Date(newestKnown).toISOString()}). ` +
      'Run the newer Callmine, or restore the backup taken before the upgrade.',
  );
}

/** The SQLite check, to run before `migrate()`: reads drizzle's `__drizzle_migrations` when it exists. */
export function assertSqliteNotMigratedByNewer(
  sqlite: BetterSqlite.Database,
  migrationsFolder: string,
): void {
  const exists = sqlite
    .prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'")
    .get();
  if (!exists) return;
  const applied = sqlite.prepare('select created_at from __drizzle_migrations').pluck().all() as number[];
  assertNotMigratedByNewer(applied.map(Number), migrationsFolder);
}
