// A worker in the test process on a test server's data directory (same SQLite file, same key ring), for tests
// that start runs through the API and watch them move.
import { Writable } from 'node:stream';
import { loadConfig } from '@callmine/config';
import { createLogger } from '@callmine/logger';
import { asTestDatabase, existingDatabaseEnv, type TestDatabase } from '@callmine/server/testing';
import { inject } from 'vitest';
import { composeWorker, type WorkerOverrides } from '../compose.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built analysis thread (scripts/vitest-build.mjs); absent in projects that do not build. */
    callmineAnalysisThread?: string;
  }
}

export interface TestWorker {
  logLines: string[];
  database: TestDatabase;
  /** The worker's job queue (the job table on SQLite, pg-boss on PostgreSQL). */
  queues: Awaited<ReturnType<typeof composeWorker>>['queues'];
  scheduler: Awaited<ReturnType<typeof composeWorker>>['scheduler'];
  /** The Gong health check; never started on its own here: a test calls health.tick() with its clock. */
  health: Awaited<ReturnType<typeof composeWorker>>['health'];
  webhooks: Awaited<ReturnType<typeof composeWorker>>['webhooks'];
  /** Stops after the current batch's checkpoint, like SIGTERM. A second call is a no-op. */
  close(): Promise<void>;
  /** `await using worker = await startTestWorker(...)` closes it at scope end. */
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startTestWorker(
  dataDir: string,
  env: Record<string, string> = {},
  overrides: WorkerOverrides & {
    /** false: the scheduler does not tick on its own; the test calls scheduler.tick() with its own clock. */
    scheduler?: boolean;
    /** false: webhook deliveries are sent only when the test calls webhooks.tick(). */
    webhooks?: boolean;
  } = {},
): Promise<TestWorker> {
  const config = loadConfig({
    CALLMINE_DATA_DIR: dataDir,
    CALLMINE_LOG_LEVEL: 'info',
    CALLMINE_WORKER_POLL_MS: '50',
    // The database of the server on this data dir (PostgreSQL under CALLMINE_TEST_DIALECT=postgres).
    ...existingDatabaseEnv(dataDir),
    ...env,
  });
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const builtThread = inject('callmineAnalysisThread');
  const composed = await composeWorker(
    config,
    createLogger({ service: 'callmine-worker', level: config.logLevel, destination: sink }),
    { ...(builtThread ? { analysisThreadEntry: builtThread } : {}), ...overrides },
  );
  void composed.loop.run();
  if (overrides.scheduler !== false) await composed.scheduler.start();
  if (overrides.webhooks !== false) composed.webhooks.start();
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= composed.close();
    return closing;
  };
  return {
    logLines,
    database: asTestDatabase(composed.database),
    queues: composed.queues,
    scheduler: composed.scheduler,
    health: composed.health,
    webhooks: composed.webhooks,
    close,
    [Symbol.asyncDispose]: close,
  };
}
