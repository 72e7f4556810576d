// A worker in its own process (for kill -9 and for races between processes on one SQLite file).
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { existingDatabaseEnv } from '@callmine/server/testing';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '../..');

export interface SpawnWorkerOptions {
  /** Collects the worker's log lines (level info) here; without it the worker logs warnings only, unread. */
  logLines?: string[];
}

export function spawnWorker(
  dataDir: string,
  env: Record<string, string>,
  options: SpawnWorkerOptions = {},
): ChildProcess & AsyncDisposable {
  const { logLines } = options;
  // The built worker (dist/, built by the test run's global setup), as production runs it: node itself, no
  // wrapper that SIGKILL would leave running, and it starts in well under a second where tsx took many under load.
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], {
    cwd: appDir,
    env: {
      ...process.env,
      ...existingDatabaseEnv(dataDir),
      ...env,
      CALLMINE_DATA_DIR: dataDir,
      CALLMINE_LOG_LEVEL: logLines ? 'info' : 'warn',
      CALLMINE_WORKER_POLL_MS: '50',
    },
    stdio: ['ignore', logLines ? 'pipe' : 'ignore', 'inherit'],
  });
  if (logLines && child.stdout) {
    createInterface({ input: child.stdout }).on('line', (line) => logLines.push(line));
  }
  return disposableProcess(child);
}

/**
 * `await using child = disposableProcess(spawn(…))`: at scope end the process gets `signal` unless it has exited,
 * and the scope waits for its exit, so it never outlives the data directory disposed after it. SIGKILL by default
 * (a kill -9 test's worker); SIGTERM for a process under a wrapper (tsx) that SIGKILL would leave running.
 */
export function disposableProcess<T extends ChildProcess>(
  child: T,
  signal: NodeJS.Signals = 'SIGKILL',
): T & AsyncDisposable {
  return Object.assign(child, {
    [Symbol.asyncDispose]: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited(child);
    },
  });
}

export const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
