// The worker runs the vault's start-up self-test like the server: with a master key that is not the one the
// database's secrets were sealed with, it refuses to start and says so, without key material.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startRunEnv } from './testing/run-env.ts';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('worker start-up', () => {
  it('refuses to start when the master key does not open the stored credentials', async () => {
    await using env = await startRunEnv({ calls: 10 });
    const wrongKey = randomBytes(32).toString('base64');
    const result = spawnSync(process.execPath, ['--enable-source-maps', 'dist/main.js'], {
      cwd: appDir,
      env: {
        ...process.env,
        ...env.workerEnv,
        CALLMINE_DATA_DIR: env.server.dataDir,
        CALLMINE_MASTER_KEY: wrongKey,
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Callmine cannot start/);
    expect(result.stderr + result.stdout).not.toContain(wrongKey);
    expect(result.stdout).not.toMatch(/callmine worker started/);
  });
});
