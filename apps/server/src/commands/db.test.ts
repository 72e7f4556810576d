// The operator's `db copy` in a real process: a populated SQLite install into an empty PostgreSQL database, the
// password never printed, a second copy refused.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, schema } from '@callmine/db';
import { createTestPostgresDatabase } from '@callmine/db/testing/postgres';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const serverDir = fileURLToPath(new URL('../..', import.meta.url));

// Three tsx processes, the first migrating the target and starting pg-boss: tens of seconds on a loaded machine.
describe('db command', { timeout: 120_000 }, () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'callmine-db-cmd-'));
    const opened = openDatabase(join(dataDir, 'callmine.db'));
    await opened.db.insert(schema.organization).values([
      { id: 'ws_1', name: 'Acme', slug: 'ws-7f3a9c', createdAt: new Date(1000) },
      { id: 'ws_2', name: 'Globex', slug: 'ws-11aa22', createdAt: new Date(2000) },
    ]);
    opened.close();
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const run = (args: string[]) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/commands/db.ts', ...args], {
      cwd: serverDir,
      env: { PATH: process.env.PATH ?? '', CALLMINE_DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    return { code: result.status, out: `${result.stdout}${result.stderr}` };
  };

  it('copies into an empty database, refuses a second copy, and never prints the password', async () => {
    await using target = await createTestPostgresDatabase({ migrated: false });
    const password = decodeURIComponent(new URL(target.url).password);
    expect(password.length).toBeGreaterThan(0);

    const first = run(['copy', '--to', target.url]);
    expect(first.out).toMatch(/organization +2 rows/);
    expect(first.out).toMatch(/Copied \d+ tables, 2 rows; every count verified\./);
    expect(first.code).toBe(0);

    const second = run(['copy', '--to', target.url]);
    expect(second.out).toMatch(/not empty \(organization: 2 rows\)/);
    expect(second.code).toBe(1);

    const wrong = new URL(target.url);
    wrong.password = `${password}x`;
    const refused = run(['copy', `--to=${wrong}`]);
    expect(refused.out).toMatch(/cannot connect to PostgreSQL at .*: password authentication failed/);
    expect(refused.code).toBe(1);

    for (const out of [first.out, second.out, refused.out]) expect(out).not.toContain(password);
  });
});
