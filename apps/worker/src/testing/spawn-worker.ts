// A worker in its own process (for kill -9 and for races between processes on one SQLite file).
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existingDatabaseEnv } from '@callmine/server/testing';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '../..');

export function spawnWorker(dataDir: string, env: Record<string, string>): ChildProcess {
  // node itself with tsx's loader, not the tsx CLI: the CLI runs the worker in a grandchild that SIGKILL would
  // leave running.
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: appDir,
    env: {
      ...process.env,
      ...existingDatabaseEnv(dataDir),
      ...env,
      CALLMINE_DATA_DIR: dataDir,
      CALLMINE_LOG_LEVEL: 'warn',
      CALLMINE_WORKER_POLL_MS: '50',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
