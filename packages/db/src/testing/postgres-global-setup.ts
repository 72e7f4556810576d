// Vitest globalSetup for any project whose tests use PostgreSQL: CALLMINE_TEST_DATABASE_URL when set, otherwise a
// throwaway cluster (postgres-cluster.ts) started once per vitest run and shared by every project in it; then one
// migrated template database that createTestPostgresDatabase() copies, pg-boss's schema installed too (every server and
// worker on PostgreSQL starts pg-boss; installing it per copy is a few seconds of DDL on a busy machine). Never
// skipped: without PostgreSQL it fails.
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { openPostgresDatabase } from '../database/postgres.ts';
import { openQueue } from '../queue/open-queue.ts';
import { startPostgresCluster } from './postgres-cluster.ts';
import { databaseUrl, onServer, type TestPostgresServer } from './postgres-database.ts';

interface Shared {
  ready: Promise<{ server: TestPostgresServer; stop(): Promise<void> }>;
  users: number;
}
// Projects' global setups run in one process but each loads this module afresh: share through globalThis.
const key = Symbol.for('callmine.testPostgres');
const registry = globalThis as { [key]?: Shared };

async function start(): Promise<{ server: TestPostgresServer; stop(): Promise<void> }> {
  const external = process.env.CALLMINE_TEST_DATABASE_URL;
  const cluster = external ? undefined : await startPostgresCluster();
  const url = external ?? cluster!.url;
  const template = `callmine_template_${randomBytes(6).toString('hex')}`;
  const migrating = performance.now();
  try {
    await onServer(url, `create database "${template}"`);
    // Two connections: pg-boss's start-up holds one for its lock and runs its DDL on the other.
    const opened = await openPostgresDatabase(databaseUrl(url, template), { poolSize: 2 });
    try {
      const queues = await openQueue(opened, { supervise: false });
      await queues.stop();
    } finally {
      await opened.close();
    }
  } catch (error) {
    await cluster?.stop();
    throw error;
  }
  const where = external
    ? 'CALLMINE_TEST_DATABASE_URL'
    : `a throwaway cluster started in ${cluster!.startedInMs} ms`;
  console.log(
    `PostgreSQL for tests: ${where}; template migrated in ${Math.round(performance.now() - migrating)} ms`,
  );
  return {
    server: { url, template },
    stop: async () => {
      await onServer(url, `drop database if exists "${template}" with (force)`).catch(() => {});
      await cluster?.stop();
    },
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let shared = registry[key];
  if (!shared) {
    shared = { ready: start(), users: 0 };
    registry[key] = shared;
  }
  shared.users += 1;
  const { server, stop } = await shared.ready;
  project.provide('callminePostgres', server);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    registry[key] = undefined;
    await stop();
  };
}
