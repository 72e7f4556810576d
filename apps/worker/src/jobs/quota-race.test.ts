// Two processes charging overlapping runs of one workspace on one SQLite file at the same moment, many small
// batches each: the allowance is never exceeded and no call is charged twice.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type RunQuotaOutcome, schema } from '@callmine/db';
import { afterEach, describe, expect, it } from 'vitest';

const appDir = join(dirname(fileURLToPath(import.meta.url)), '../..');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Charger {
  ready: Promise<void>;
  outcomes: Promise<RunQuotaOutcome[]>;
}

/** A child process charging runs once the go file appears (see testing/charge-runs.ts). */
function charger(args: string[]): Charger {
  const child = spawn(process.execPath, ['--enable-source-maps', 'dist/charge-runs.js', ...args], {
    cwd: appDir,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    onReady = resolve;
  });
  child.stdout.on('data', (chunk) => {
    out += String(chunk);
    if (out.startsWith('ready\n')) onReady();
  });
  const outcomes = new Promise<RunQuotaOutcome[]>((resolve, reject) => {
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out.slice('ready\n'.length))) : reject(new Error(`exit ${code}`)),
    );
  });
  return { ready, outcomes };
}

describe('two processes charging one workspace at once', () => {
  it('never exceed the allowance and charge each call once', { timeout: 60_000 }, async () => {
    dir = mkdtempSync(join(tmpdir(), 'callmine-quota-race-'));
    const dbPath = join(dir, 'callmine.db');
    const opened = openDatabase(dbPath);
    await opened.db
      .insert(schema.organization)
      .values({ id: 'ws', name: 'W', slug: 'w', createdAt: new Date() });
    // 20 runs of 100 calls each from a pool of 300, each overlapping its neighbours.
    const runIds = Array.from({ length: 20 }, (_, r) => `run-${r}`);
    await opened.db.transaction(async (tx) => {
      for (const [r, id] of runIds.entries()) {
        await tx.insert(schema.analysisRun).values({
          id,
          workspaceId: 'ws',
          selection: { from: '2026-01-01', to: '2026-01-31' },
          createdAt: new Date(),
        });
        for (let i = 0; i < 100; i += 1) {
          await tx
            .insert(schema.analysisRunCall)
            .values({ runId: id, callId: `call-${String((r * 15 + i) % 300).padStart(3, '0')}` });
        }
      }
    });
    await opened.close();

    const go = join(dir, 'go');
    const processes = [0, 1].map((p) =>
      charger([dbPath, go, '150', '5', ...runIds.filter((_, i) => i % 2 === p)]),
    );
    await Promise.all(processes.map((p) => p.ready));
    writeFileSync(go, '');
    const outcomes = (await Promise.all(processes.map((p) => p.outcomes))).flat();
    expect(outcomes).toHaveLength(20);

    const check = openDatabase(dbPath);
    try {
      const one = (sql: string) => check.sqlite.prepare(sql).pluck().get() as number;
      expect(one('select count(*) from quota_charge')).toBe(150);
      expect(one('select count(distinct call_id) from quota_charge')).toBe(150);
      expect(outcomes.reduce((sum, o) => sum + o.callsCharged, 0)).toBe(150);
      for (const o of outcomes) {
        expect(o.callsAnalysed + o.callsSkipped).toBe(100);
        expect(o.used).toBeLessThanOrEqual(150);
      }
      // Every call a run was allowed to analyse is charged this month; none charged earlier was then skipped.
      expect(
        one(`select count(*) from analysis_run_quota_call d where d.decision <> 'skipped'
             and not exists (select 1 from quota_charge c where c.month = d.month and c.call_id = d.call_id)`),
      ).toBe(0);
      expect(
        one(`select count(*) from analysis_run_quota_call d where d.decision = 'skipped'
             and exists (select 1 from quota_charge c where c.month = d.month and c.call_id = d.call_id
                         and c.charged_at < d.decided_at)`),
      ).toBe(0);
    } finally {
      check.close();
    }
  });
});
