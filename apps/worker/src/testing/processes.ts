// Callmine's built server and worker as OS processes (dist/main.js, as production runs them), for tests of several
// processes on one database: their output kept, their /healthz awaited, every one stopped at the end.
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exited } from './spawn-worker.ts';

const appsDir = join(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface CallmineProcess {
  child: ChildProcess;
  /** Everything it wrote to stdout and stderr. */
  output(): string;
  /** Its JSON log lines (pino), parsed. */
  logs(): Array<Record<string, unknown>>;
}

/** `nodeArgs`: more options for node itself (e.g. a benchmark's --cpu-prof, which NODE_OPTIONS refuses). */
export function spawnCallmine(
  app: 'server' | 'worker',
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): CallmineProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', ...nodeArgs, 'dist/main.js'], {
    cwd: join(appsDir, app),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const logs = () =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { child, output: () => output, logs };
}

/** Polls `url` until it answers 200 (the process is up), or fails with the process's output. */
export async function waitForHealth(
  url: string,
  started: CallmineProcess,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(url).catch(() => undefined);
    if (response?.status === 200) return;
    if (started.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`no answer at ${url}; output:\n${started.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** SIGTERM to every process still running, then waits for all of them to exit. */
export async function stopAll(processes: readonly CallmineProcess[]): Promise<void> {
  for (const p of processes)
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
  await Promise.all(processes.map((p) => exited(p.child)));
}
