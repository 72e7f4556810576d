// Start-up against a PostgreSQL that can't be reached or refuses the credentials: the server and the worker each stop
// with one line naming CALLMINE_DATABASE_URL and host:port, never the password (nor the URL that holds it).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestPostgresDatabase } from '@callmine/db/testing/postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './testing/test-server.ts';

const appsDir = join(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'callmine-db-startup-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/**
 * Runs an app's built main (dist/main.js, as production starts it; the test run's global setup builds it: tsx took
 * about 4 s of CPU a start) to its exit, async, so the test PostgreSQL's runner stays responsive.
 */
async function runMain(app: 'server' | 'worker', databaseUrl: string) {
  const port = await freePort();
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], {
      cwd: join(appsDir, app),
      env: {
        ...process.env,
        PORT: String(port),
        CALLMINE_DATA_DIR: dataDir,
        CALLMINE_DATABASE_URL: databaseUrl,
        CALLMINE_ROLE: app,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.on('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

describe.each(['server', 'worker'] as const)('%s start-up on PostgreSQL', (app) => {
  it('stops with one line naming the variable and host:port when nothing listens there', async () => {
    // Port 1 (tcpmux): nothing listens there, and unlike a "free" port no other test can take it meanwhile.
    const port = 1;
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const result = await runMain(app, `postgres://callmine:${password}@127.0.0.1:${port}/callmine`);
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(
      `Callmine cannot start: CALLMINE_DATABASE_URL: cannot connect to PostgreSQL at 127.0.0.1:${port}: connection refused`,
    );
    expect(result.stdout + result.stderr).not.toContain(password);
  }, 45_000);

  it('stops with one line when the server refuses the password', async () => {
    const created = await createTestPostgresDatabase();
    try {
      const url = new URL(created.url);
      const password = `wrong-${randomBytes(8).toString('hex')}`;
      url.password = password;
      const result = await runMain(app, url.toString());
      expect(result.status).toBe(1);
      expect(result.stderr.trim()).toBe(
        `Callmine cannot start: CALLMINE_DATABASE_URL: cannot connect to PostgreSQL at 127.0.0.1:${url.port}: password authentication failed`,
      );
      expect(result.stdout + result.stderr).not.toContain(password);
    } finally {
      await created[Symbol.asyncDispose]();
    }
  }, 45_000);
});
