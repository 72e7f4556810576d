// Starts Callmine exactly as a newcomer does — `npm start` from the repo root — on a fresh data dir and a free port.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../../../..');

export interface RunningCallmine {
  url: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startCallmine(
  env: Record<string, string> = {},
  existingDataDir?: string,
): Promise<RunningCallmine> {
  const dataDir = existingDataDir ?? mkdtempSync(join(tmpdir(), 'callmine-e2e-'));
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), CALLMINE_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() ends npm, pnpm and the server together
  });
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`npm start did not come up:\n${output.slice(-3000)}`)),
      180_000,
    );
    const check = () => {
      const match = /Callmine is running at (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        done(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`npm start exited with ${code}:\n${output.slice(-3000)}`));
    });
  });
  return {
    url,
    dataDir,
    output: () => output,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      }),
  };
}

function removeDataDir(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}

/** Stops Callmine if it started (a failed beforeAll leaves it unset) and removes its data dir. */
export async function stopCallmine(callmine: RunningCallmine | undefined) {
  await callmine?.stop();
  if (callmine) removeDataDir(callmine.dataDir);
}
