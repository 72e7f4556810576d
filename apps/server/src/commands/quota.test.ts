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
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'callmine-quota-cmd-'));
    const opened = openDatabase(join(dataDir, 'callmine.db'));
    // Slugs are generated (`ws-<random>`) as the owner set-up does; two workspaces share a name.
    await opened.db.insert(schema.organization).values([
      { id: 'ws_1', name: 'Acme', slug: 'ws-7f3a9c', createdAt: new Date(1000) },
      { id: 'ws_2', name: 'Globex', slug: 'ws-11aa22', createdAt: new Date(2000) },
      { id: 'ws_3', name: 'Globex', slug: 'ws-33bb44', createdAt: new Date(3000) },
    ]);
    // 3 calls charged this month, 9 last year: only this month's count.
    for (const [month, n] of [
      [quotaMonth(new Date()), 3],
      ['2020-01', 9],
    ] as const) {
      for (let i = 0; i < n; i += 1) {
        await opened.db
          .insert(schema.quotaCharge)
          .values({ workspaceId: 'ws_1', month, callId: `c${i}`, runId: 'r', chargedAt: new Date() });
      }
    }
    opened.close();
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const run = (args: string[], env: Record<string, string> = {}) => {
    const result = spawnSync(process.execPath, ['--enable-source-maps', 'dist/quota.js', ...args], {
      cwd: serverDir,
      env: { PATH: process.env.PATH ?? '', CALLMINE_DATA_DIR: dataDir, ...env },
      encoding: 'utf8',
    });
    return { code: result.status, out: `${result.stdout}${result.stderr}` };
  };
  const stored = async () => {
    const opened = openDatabase(join(dataDir, 'callmine.db'));
    try {
      return await monthlyAllowance(opened.db, 'ws_1', -1);
    } finally {
      opened.close();
    }
  };

  it('lists every workspace with the id and slug the other commands take, its allowance and this month’s use', () => {
    run(['set', 'ws_3', '40']);
    const listed = run(['list'], { CALLMINE_MONTHLY_CALL_QUOTA: '250' });
    expect(listed.code).toBe(0);
    const lines = listed.out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+SLUG\s+NAME\s+ALLOWANCE\s+USED \d{4}-\d{2}$/);
    expect(lines.slice(1).map((line) => line.split(/\s{2,}/))).toEqual([
      ['ws_1', 'ws-7f3a9c', 'Acme', '250 (default)', '3'],
      ['ws_2', 'ws-11aa22', 'Globex', '250 (default)', '0'],
      ['ws_3', 'ws-33bb44', 'Globex', '40', '0'],
    ]);
  });

  it('shows the default allowance and this month’s use, by name, slug or id', () => {
    const byName = run(['show', 'Acme'], { CALLMINE_MONTHLY_CALL_QUOTA: '250' });
    expect(byName.code).toBe(0);
    expect(byName.out).toContain('Workspace Acme (slug ws-7f3a9c, id ws_1)');
    expect(byName.out).toContain('Allowance: 250 calls/month (default CALLMINE_MONTHLY_CALL_QUOTA)');
    expect(byName.out).toMatch(/Used in \d{4}-\d{2} \(UTC\): 3; remaining: 247/);
    expect(run(['show', 'acme']).out).toContain('Workspace Acme (slug ws-7f3a9c, id ws_1)');
    expect(run(['show', 'ws-7f3a9c']).out).toContain('Allowance: 1,000 calls/month');
    expect(run(['show', 'ws_1']).out).toContain('Allowance: 1,000 calls/month');
  });

  it('refuses a name two workspaces share, naming both, and takes either one’s slug', () => {
    const ambiguous = run(['set', 'Globex', '5']);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.out).toContain('2 workspaces are named "Globex"; use the id or slug of one:');
    expect(ambiguous.out).toContain('ws_2  ws-11aa22  Globex');
    expect(ambiguous.out).toContain('ws_3  ws-33bb44  Globex');
    expect(run(['set', 'ws-33bb44', '5']).out).toContain('Workspace Globex (slug ws-33bb44, id ws_3)');
  });

  it('sets a workspace’s own allowance and resets it to the default', async () => {
    const set = run(['set', 'Acme', '5000']);
    expect(set.code).toBe(0);
    expect(set.out).toContain('Allowance: 5,000 calls/month (set for this workspace)');
    expect(await stored()).toBe(5000);
    expect(run(['set', 'acme', '10']).out).toMatch(/remaining: 7/);
    expect(await stored()).toBe(10);
    const reset = run(['reset', 'acme']);
    expect(reset.out).toContain('it has the default again');
    expect(await stored()).toBe(-1);
    expect(run(['reset', 'acme']).out).toContain('already had the default allowance');
  });

  it('refuses an unknown workspace and bad arguments without changing anything', async () => {
    expect(run(['set', 'nobody', '5'])).toMatchObject({
      code: 1,
      out: expect.stringContaining('No workspace has the id, slug or name "nobody". `npm run quota -- list`'),
    });
    for (const bad of ['-5', '50000000', '10000001', 'many']) {
      expect(run(['set', 'acme', bad])).toMatchObject({
        code: 2,
        out: expect.stringContaining('The allowance must be a whole number of calls from 0 to 10,000,000.'),
      });
    }
    expect(run(['set', 'acme', '10000000']).out).toContain('Allowance: 10,000,000 calls/month');
    run(['reset', 'acme']);
    expect(run(['grant', 'acme'])).toMatchObject({ code: 2, out: expect.stringContaining('Usage: quota') });
    expect(await stored()).toBe(-1);
  });
});
