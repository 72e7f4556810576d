// Starts a real Callmine server (real SQLite file, or PostgreSQL under CALLMINE_TEST_DIALECT=postgres; real HTTP on
// 127.0.0.1) for API and component tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '@callmine/config';
import type { Queues } from '@callmine/db';
import { createLogger } from '@callmine/logger';
import { serve } from '@hono/node-server';
import { composeServer, type ServerOverrides } from '../compose.ts';
import { keepConnectionsOpen } from '../keep-alive.ts';
import {
  asTestDatabase,
  dropTestDatabase,
  existingDatabaseEnv,
  type TestDatabase,
  testDatabaseEnv,
} from './test-database.ts';

export interface TestServer {
  url: string;
  dataDir: string;
  /** Every log line the server wrote, raw. */
  logLines: string[];
  database: TestDatabase;
  /** The server's job queue (the job table on SQLite, pg-boss on PostgreSQL), for tests that enqueue as it does. */
  queues: Queues;
  close(): Promise<void>;
  /** `await using server = await startTestServer()` closes it (and deletes its data directory) at scope end. */
  [Symbol.asyncDispose](): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startTestServer(
  env: Record<string, string> = {},
  overrides: ServerOverrides = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'callmine-test-'));
  return startOn(dataDir, { ...(await testDatabaseEnv(dataDir)), ...env }, overrides, async () => {
    await dropTestDatabase(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  });
}

/**
 * Another server process on `first`'s data dir and database (the same SQLite file, or the same PostgreSQL
 * database): what a second machine behind a load balancer is. Closing it leaves the data to `first`.
 */
export async function startAnotherServer(
  first: TestServer,
  env: Record<string, string> = {},
  overrides: ServerOverrides = {},
): Promise<TestServer> {
  return startOn(first.dataDir, { ...existingDatabaseEnv(first.dataDir), ...env }, overrides, async () => {});
}

async function startOn(
  dataDir: string,
  env: Record<string, string>,
  overrides: ServerOverrides,
  removeData: () => Promise<void>,
): Promise<TestServer> {
  const port = await freePort();
  const config = loadConfig({
    PORT: String(port),
    CALLMINE_DATA_DIR: dataDir,
    CALLMINE_LOG_LEVEL: 'info',
    ...env,
  });
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ service: 'callmine-server', level: config.logLevel, destination: sink });
  let composed: Awaited<ReturnType<typeof composeServer>>;
  try {
    composed = await composeServer(config, logger, overrides);
  } catch (error) {
    await removeData();
    throw error;
  }
  const { app } = composed;
  const database = asTestDatabase(composed.database);
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  keepConnectionsOpen(server);
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => {
        void composed.close().then(async () => {
          await removeData();
          resolve();
        });
      });
      // Keep-alive sockets from test clients would hold close() open.
      if ('closeAllConnections' in server) server.closeAllConnections();
    });
  return {
    url: config.publicUrl,
    dataDir,
    logLines,
    database,
    queues: composed.queues,
    close,
    [Symbol.asyncDispose]: close,
  };
}
