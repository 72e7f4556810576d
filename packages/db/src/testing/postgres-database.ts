// A fresh PostgreSQL database per test (or test file): a copy of the template the global setup migrated once, so
// creating one costs a file copy, not a migration. `await using pg = await createTestPostgresDatabase()` drops it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openPostgresDatabase, type PostgresDatabase, type PostgresOptions } from '../database/postgres.ts';

export interface TestPostgresServer {
  /** A database on the test server that every test may connect to (for CREATE/DROP DATABASE). */
  url: string;
  /** The migrated template database's name. */
  template: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    callminePostgres: TestPostgresServer;
  }
}

export interface TestPostgresDatabase {
  readonly url: string;
  readonly name: string;
  [Symbol.asyncDispose](): Promise<void>;
}

/** `url` with its database replaced by `name`. */
export function databaseUrl(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Runs one statement on the server's maintenance database (CREATE/DROP DATABASE can't run in a transaction). */
export async function onServer(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A new, migrated, empty database; empty of migrations too with `{ migrated: false }`. */
export async function createTestPostgresDatabase(
  options: { migrated?: boolean } = {},
): Promise<TestPostgresDatabase> {
  const server = inject('callminePostgres');
  const name = `t_${randomBytes(8).toString('hex')}`;
  const template = options.migrated === false ? 'template0' : server.template;
  await onServer(server.url, `create database "${name}" template "${template}"`);
  return {
    url: databaseUrl(server.url, name),
    name,
    [Symbol.asyncDispose]: () => onServer(server.url, `drop database if exists "${name}" with (force)`),
  };
}

/** A fresh database, opened: `await using pg = await openTestPostgresDatabase()`. */
export async function openTestPostgresDatabase(
  options: PostgresOptions = {},
): Promise<PostgresDatabase & AsyncDisposable> {
  const created = await createTestPostgresDatabase();
  const opened = await openPostgresDatabase(created.url, options);
  return Object.assign(opened, {
    [Symbol.asyncDispose]: async () => {
      await opened.close();
      await created[Symbol.asyncDispose]();
    },
  });
}
