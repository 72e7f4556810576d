// CALLMINE_ROLE splits Callmine over machines: a server-only process serves /healthz and enqueues runs but runs
// no job (its worker refuses to start); a worker-only process serves no HTTP, answers its own /healthz and runs
// the queued job. Real processes (main.ts) on one database: the SQLite file here, PostgreSQL in that project.
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiClient, existingDatabaseEnv, freePort, testAdmin } from '@callmine/server/testing';
import { describe, expect, it } from 'vitest';
import { isFinished, startRunEnv } from './testing/run-env.ts';
import { disposableProcess, exited } from './testing/spawn-worker.ts';

const appsDir = join(dirname(fileURLToPath(import.meta.url)), '../..');
interface Started extends AsyncDisposable {
  child: ChildProcess;
  output: () => string;
}

/** The app's main as production runs it (the bundle the test run's global setup built, as `npm start` does: no tsx
 *  compiling in each of the four processes); `await using` stops it with SIGTERM and waits for it. */
function startMain(app: 'server' | 'worker', env: Record<string, string>): Started {
  const child = disposableProcess(
    spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], {
      cwd: join(appsDir, app),
      env: { ...process.env, CALLMINE_LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
    'SIGTERM',
  );
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  return { child, output: () => output, [Symbol.asyncDispose]: child[Symbol.asyncDispose] };
}

async function waitForHealth(url: string, started: Started): Promise<Response> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(url).catch(() => undefined);
    if (response) return response;
    if (started.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`no answer at ${url}; output:\n${started.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('CALLMINE_ROLE', () => {
  it('a server-only process enqueues and runs nothing; a worker-only process runs the job', {
    // Four Node processes start here; under a loaded CI machine one start took 30 s when each ran under tsx.
    timeout: 240_000,
  }, async () => {
    await using env = await startRunEnv({ calls: 20 });
    const dataDir = env.server.dataDir;
    const shared = { ...env.workerEnv, CALLMINE_DATA_DIR: dataDir, ...existingDatabaseEnv(dataDir) };

    // The server machine: CALLMINE_ROLE=server. Its worker leaves at once, saying so; its server serves /healthz.
    await using skipped = startMain('worker', { ...shared, CALLMINE_ROLE: 'server' });
    await exited(skipped.child);
    expect(skipped.child.exitCode).toBe(0);
    expect(skipped.output().trim()).toBe('CALLMINE_ROLE=server: the worker is not started on this machine.');
    const port = await freePort();
    await using server = startMain('server', { ...shared, CALLMINE_ROLE: 'server', PORT: String(port) });
    const serverUrl = `http://127.0.0.1:${port}`;
    const serverHealth = await waitForHealth(`${serverUrl}/healthz`, server);
    expect(serverHealth.status).toBe(200);
    expect(await serverHealth.json()).toEqual({ ok: true });

    // A run started through the server-only process is queued and stays queued: nothing there runs jobs.
    const admin = apiClient(serverUrl);
    await admin.auth.signIn.mutate({ email: testAdmin.email, password: testAdmin.password });
    const queued = await admin.runs.start.mutate({ from: '2025-12-01', to: '2026-05-31' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await admin.runs.get.query({ id: queued.id })).status).toBe('queued');

    // The worker machine: CALLMINE_ROLE=worker. Its server leaves at once; its worker answers /healthz and runs it.
    await using noServer = startMain('server', {
      ...shared,
      CALLMINE_ROLE: 'worker',
      PORT: String(await freePort()),
    });
    await exited(noServer.child);
    expect(noServer.child.exitCode).toBe(0);
    expect(noServer.output().trim()).toBe('CALLMINE_ROLE=worker: the server is not started on this machine.');
    const healthPort = await freePort();
    await using worker = startMain('worker', {
      ...shared,
      CALLMINE_ROLE: 'worker',
      CALLMINE_WORKER_HEALTH_PORT: String(healthPort),
      CALLMINE_WORKER_POLL_MS: '50',
    });
    const workerHealth = await waitForHealth(`http://127.0.0.1:${healthPort}/healthz`, worker);
    expect(workerHealth.status).toBe(200);
    expect(await workerHealth.json()).toEqual({ ok: true, role: 'worker' });
    const done = await env.waitFor(queued.id, isFinished, 60_000);
    expect(done.status).toBe('done');
    expect(done.totals?.callsAnalyzed).toBe(20);

    // SIGTERM: the worker stops after its batch and its health check goes away with it.
    worker.child.kill('SIGTERM');
    await exited(worker.child);
    expect(worker.child.exitCode).toBe(0);
    expect(await fetch(`http://127.0.0.1:${healthPort}/healthz`).catch(() => 'gone')).toBe('gone');
  });
});
