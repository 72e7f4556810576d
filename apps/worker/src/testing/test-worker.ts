// A worker in the test process on a test server's data directory (same SQLite file, same key ring), for tests
// that start runs through the API and watch them move.
import { Writable } from 'node:stream';
import { loadConfig } from '@callmine/config';
import { createLogger } from '@callmine/logger';
import { composeWorker, type WorkerOverrides } from '../compose.ts';

export interface TestWorker {
  logLines: string[];
  database: Awaited<ReturnType<typeof composeWorker>>['database'];
  scheduler: Awaited<ReturnType<typeof composeWorker>>['scheduler'];
  /** Stops after the current batch's checkpoint, like SIGTERM. */
  close(): Promise<void>;
}

export async function startTestWorker(
  dataDir: string,
  env: Record<string, string> = {},
  overrides: WorkerOverrides & {
    /** false: the scheduler does not tick on its own; the test calls scheduler.tick() with its own clock. */
    scheduler?: boolean;
  } = {},
): Promise<TestWorker> {
  const config = loadConfig({
    CALLMINE_DATA_DIR: dataDir,
    CALLMINE_LOG_LEVEL: 'info',
    CALLMINE_WORKER_POLL_MS: '50',
    ...env,
  });
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const composed = await composeWorker(
    config,
    createLogger({ service: 'callmine-worker', level: config.logLevel, destination: sink }),
    overrides,
  );
  void composed.loop.run();
  if (overrides.scheduler !== false) await composed.scheduler.start();
  return { logLines, database: composed.database, scheduler: composed.scheduler, close: composed.close };
}
