import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { describe, expect, inject, it } from 'vitest';
import { createTestPostgresDatabase } from '../testing/postgres-database.ts';
import { assertSqliteNotMigratedByNewer, newestKnownMigration } from './migration-version.ts';
import { openPostgresDatabase } from './postgres.ts';

const here = dirname(fileURLToPath(import.meta.url));
const pgMigrations = join(here, '../../migrations-pg');
const sqliteMigrations = join(here, '../../migrations');

/** Everything an error could carry into a log: message, stack, cause (recursively) and own properties. */
function everythingIn(error: unknown, seen = new Set<unknown>()): string {
  if (error === null || typeof error !== 'object' || seen.has(error)) return String(error);
  seen.add(error);
  const own = Object.getOwnPropertyNames(error).map((name) => {
    const value = (error as Record<string, unknown>)[name];
    return `${name}=${typeof value === 'object' ? everythingIn(value, seen) : String(value)}`;
  });
  return [String(error), ...own].join('\n');
}

async function openFailure(url: string): Promise<unknown> {
  try {
    const opened = await openPostgresDatabase(url, { connectionTimeoutMs: 5000 });
    await opened.close();
  } catch (error) {
    return error;
  }
  throw new Error('openPostgresDatabase succeeded where it must fail');
}

describe('openPostgresDatabase', () => {
  it('migrates a fresh database once when five processes open it together', async () => {
    await using fresh = await createTestPostgresDatabase({ migrated: false });
    const opened = await Promise.all(
      Array.from({ length: 5 }, () => openPostgresDatabase(fresh.url, { poolSize: 2 })),
    );
    try {
      const applied = await opened[0]!.pool.query<{ hash: string }>(
        'select hash from drizzle.__drizzle_migrations order by id',
      );
      const known = readMigrationFiles({ migrationsFolder: pgMigrations });
      expect(applied.rows.map((row) => row.hash)).toEqual(known.map((migration) => migration.hash));
      for (const database of opened) await database.ping();
      const { rows } = await opened[4]!.pool.query(
        "select to_regclass('public.analysis_run') is not null as ok",
      );
      expect(rows[0].ok).toBe(true);
    } finally {
      await Promise.all(opened.map((database) => database.close()));
    }
  });

  it('refuses a database migrated by a newer Callmine, naming what to do', async () => {
    await using created = await createTestPostgresDatabase();
    const first = await openPostgresDatabase(created.url, { poolSize: 1 });
    const future = newestKnownMigration(pgMigrations) + 86_400_000;
    await first.pool.query(
      "insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-the-future', $1)",
      [future],
    );
    await first.close();
    await expect(openPostgresDatabase(created.url)).rejects.toThrow(
      `This database was migrated by a newer Callmine: it has 1 migration(s) this version does not know (the newest from ${new Date(future).toISOString()}`,
    );
  });

  it('fails with one line naming CALLMINE_DATABASE_URL and host:port when nothing listens there', async () => {
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const error = await openFailure(`postgres://callmine:pw-canary-1@127.0.0.1:${port}/callmine`);
    expect((error as Error).message).toBe(
      `CALLMINE_DATABASE_URL: cannot connect to PostgreSQL at 127.0.0.1:${port}: connection refused`,
    );
    expect(everythingIn(error)).not.toContain('pw-canary-1');
  });

  it('fails with one line, never the password, when the server refuses the password', async () => {
    const server = new URL(inject('callminePostgres').url);
    const canary = `wrong-${Date.now().toString(36)}-canary`;
    const wrong = new URL(server);
    wrong.password = canary;
    const error = await openFailure(wrong.toString());
    const message = (error as Error).message;
    expect(message).toBe(
      `CALLMINE_DATABASE_URL: cannot connect to PostgreSQL at ${server.hostname}:${server.port}: password authentication failed`,
    );
    expect(message).not.toContain('\n');
    const carried = everythingIn(error);
    expect(carried).not.toContain(canary);
    expect(carried).not.toContain(server.password);
  });
});

describe('the SQLite check for a newer Callmine', () => {
  it('passes a database migrated by this version and refuses one with a newer migration', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callmine-newer-'));
    const sqlite = new BetterSqlite(join(dir, 'callmine.db'));
    try {
      assertSqliteNotMigratedByNewer(sqlite, sqliteMigrations); // nothing applied yet
      migrate(drizzle(sqlite), { migrationsFolder: sqliteMigrations });
      assertSqliteNotMigratedByNewer(sqlite, sqliteMigrations);
      sqlite
        .prepare("insert into __drizzle_migrations (hash, created_at) values ('from-the-future', ?)")
        .run(newestKnownMigration(sqliteMigrations) + 1);
      expect(() => assertSqliteNotMigratedByNewer(sqlite, sqliteMigrations)).toThrow(
        /^This database was migrated by a newer Callmine: it has 1 migration\(s\) this version does not know/,
      );
    } finally {
      sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
