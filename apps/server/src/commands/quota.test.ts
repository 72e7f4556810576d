// The operator's quota command in a real process, on a real database file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monthlyAllowance, openDatabase, quotaMonth, schema } from '@callmine/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const serverDir = fileURLToPath(new URL('../..', import.meta.url));

describe('quota command', { timeout: 30_000 }, () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'callmine-quota-cmd-'));
    const opened = openDatabase(join(dataDir, 'callmine.db'));
    opened.db
      .insert(schema.organization)
      .values({ id: 'ws_1', name: 'Acme', slug: 'acme', createdAt: new Date() })
      .run();
    // 3 calls charged this month, 9 last year: only this month's count.
    for (const [month, n] of [
      [quotaMonth(new Date()), 3],
      ['2020-01', 9],
    ] as const) {
      for (let i = 0; i < n; i += 1) {
        opened.db
          .insert(schema.quotaCharge)
          .values({ workspaceId: 'ws_1', month, callId: `c${i}`, runId: 'r', chargedAt: new Date() })
          .run();
      }
    }
    opened.close();
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const run = (args: string[], env: Record<string, string> = {}) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/commands/quota.ts', ...args], {
      cwd: serverDir,
      env: { PATH: process.env.PATH ?? '', CALLMINE_DATA_DIR: dataDir, ...env },
      encoding: 'utf8',
    });
    return { code: result.status, out: `${result.stdout}${result.stderr}` };
  };
  const stored = () => {
    const opened = openDatabase(join(dataDir, 'callmine.db'));
    try {
      return monthlyAllowance(opened.db, 'ws_1', -1);
    } finally {
      opened.close();
    }
  };

  it('shows the default allowance and this month’s use, by slug or id', () => {
    const bySlug = run(['show', 'acme'], { CALLMINE_MONTHLY_CALL_QUOTA: '250' });
    expect(bySlug.code).toBe(0);
    expect(bySlug.out).toContain('Allowance: 250 calls/month (default CALLMINE_MONTHLY_CALL_QUOTA)');
    expect(bySlug.out).toMatch(/Used in \d{4}-\d{2} \(UTC\): 3; remaining: 247/);
    expect(run(['show', 'ws_1']).out).toContain('Allowance: 1,000 calls/month');
  });

  it('sets a workspace’s own allowance and resets it to the default', () => {
    const set = run(['set', 'acme', '5000']);
    expect(set.code).toBe(0);
    expect(set.out).toContain('Allowance: 5,000 calls/month (set for this workspace)');
    expect(stored()).toBe(5000);
    expect(run(['set', 'acme', '10']).out).toMatch(/remaining: 7/);
    expect(stored()).toBe(10);
    const reset = run(['reset', 'acme']);
    expect(reset.out).toContain('it has the default again');
    expect(stored()).toBe(-1);
    expect(run(['reset', 'acme']).out).toContain('already had the default allowance');
  });

  it('refuses an unknown workspace and bad arguments without changing anything', () => {
    expect(run(['set', 'nobody', '5'])).toMatchObject({
      code: 1,
      out: expect.stringContaining('No workspace has the id or slug "nobody"'),
    });
    expect(run(['set', 'acme', '-5'])).toMatchObject({
      code: 2,
      out: expect.stringContaining('whole number'),
    });
    expect(run(['grant', 'acme'])).toMatchObject({ code: 2, out: expect.stringContaining('Usage: quota') });
    expect(stored()).toBe(-1);
  });
});
