// The monthly allowance end to end: runs started through the API, charged by real workers (in this process or
// racing in two processes on one database) against the Gong sandbox over real HTTP, on SQLite and on PostgreSQL.
import type { RunView } from '@callmine/contracts';
import { setAllowanceOverride } from '@callmine/db';
import { countRows, tableSnapshot } from '@callmine/server/testing';
import { type SQL, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { isFinished, type RunEnv, startRunEnv } from './testing/run-env.ts';
import { exited, spawnWorker } from './testing/spawn-worker.ts';

const quotaEnv = (allowance: number) => ({
  calls: 300,
  env: { CALLMINE_MONTHLY_CALL_QUOTA: String(allowance) },
});

/** `select count(*) as n …` in SQL that SQLite and PostgreSQL read alike. */
const count = async (e: RunEnv, query: SQL) =>
  Number((await e.server.database.db.get<{ n: number }>(query))?.n ?? 0);
/** Every quota table, as stored (rows in any order). */
const quotaTables = async (e: RunEnv) =>
  JSON.stringify(
    await Promise.all(
      (['quotaCharge', 'runQuota', 'runQuotaCall', 'workspaceQuota'] as const).map((t) =>
        tableSnapshot(e.server.database.db, t),
      ),
    ),
  );

describe('the monthly allowance', () => {
  it('a run that reaches it analyses only the admitted calls, fetches no other transcript, and ends partial with the numbers', async () => {
    await using env = await startRunEnv(quotaEnv(120));
    await env.startWorker();
    const run = await env.waitFor((await env.startRun()).id, isFinished);
    const usage = await env.admin.usage.summary.query();

    expect(run.status).toBe('done');
    expect(run.quota).toEqual({
      partial: true,
      month: usage.month,
      allowance: 120,
      used: 120,
      callsSelected: 300,
      callsAnalysed: 120,
      callsCharged: 120,
      callsSkipped: 180,
    });
    expect(run.totals?.callsAnalyzed).toBe(120);
    // Gong was asked for the admitted calls' transcripts only: 2 batches, 120 calls cached.
    expect(env.runRequests().filter((r) => r.path === '/v2/calls/transcript')).toHaveLength(2);
    expect(await countRows(env.server.database.db, 'gongTranscriptCache')).toBe(120);
    expect(usage).toMatchObject({ allowance: 120, used: 120, remaining: 0, customAllowance: false });
    expect(usage.history[0]).toEqual({ month: usage.month, used: 120 });
    expect(usage.runs).toEqual([
      expect.objectContaining({ runId: run.id, callsCharged: 120, callsFree: 0, callsSkipped: 180 }),
    ]);
  });

  it('two worker processes racing four overlapping runs never exceed it, and shared calls are charged once', {
    timeout: 90_000,
  }, async () => {
    await using env = await startRunEnv(quotaEnv(150));
    const started: RunView[] = [];
    for (const [from, to] of [
      ['2025-12-01', '2026-05-31'],
      ['2025-12-01', '2026-02-28'],
      ['2026-02-01', '2026-04-30'],
      ['2026-04-01', '2026-05-31'],
    ] as const) {
      started.push(await env.startRun({ from, to }));
    }
    // A lease of 5 s, not run-env's 1 s: on a loaded machine a heartbeat (a round trip on PostgreSQL) can miss a
    // 1 s lease, the other process takes the job over and the analysis starts again, again and again.
    const racing = { ...env.workerEnv, CALLMINE_WORKER_LEASE_MS: '5000' };
    await using _one = spawnWorker(env.server.dataDir, racing);
    await using _two = spawnWorker(env.server.dataDir, racing);
    const runs: RunView[] = [];
    for (const run of started) runs.push(await env.waitFor(run.id, isFinished, 60_000));

    expect(runs.map((r) => r.status)).toEqual(['done', 'done', 'done', 'done']);
    const usage = await env.admin.usage.summary.query();
    expect(usage.used).toBe(150);
    expect(await countRows(env.server.database.db, 'quotaCharge')).toBe(150);
    expect(runs.reduce((sum, r) => sum + (r.quota?.callsCharged ?? 0), 0)).toBe(150);
    for (const run of runs) {
      const q = run.quota!;
      expect(q.callsAnalysed + q.callsSkipped).toBe(q.callsSelected);
      expect(q.callsSelected).toBe(run.progress.callsTotal);
      expect(run.totals?.callsAnalyzed).toBe(q.callsAnalysed);
      expect(q.used).toBeLessThanOrEqual(150);
    }
    // Every call any run analysed is in the ledger, exactly once.
    expect(
      await count(
        env,
        sql`select count(*) as n from analysis_run_quota_call d where d.decision <> 'skipped' and not exists
           (select 1 from quota_charge c where c.month = d.month and c.call_id = d.call_id)`,
      ),
    ).toBe(0);
    // The whole-history run selected every call, so the allowance ran out for someone.
    expect(runs.some((r) => r.quota?.partial)).toBe(true);
  });

  it('overlapping runs: the second pays only for calls the first did not', async () => {
    await using env = await startRunEnv(quotaEnv(1000));
    await env.startWorker();
    const first = await env.waitFor(
      (await env.startRun({ from: '2025-12-01', to: '2026-03-31' })).id,
      isFinished,
    );
    const second = await env.waitFor(
      (await env.startRun({ from: '2026-03-01', to: '2026-05-31' })).id,
      isFinished,
    );
    const shared = await count(
      env,
      sql`select count(*) as n from analysis_run_call a join analysis_run_call b on a.call_id = b.call_id
       where a.run_id = ${first.id} and b.run_id = ${second.id}`,
    );
    expect(shared).toBeGreaterThan(0);
    expect(second.quota).toMatchObject({
      partial: false,
      callsCharged: second.progress.callsTotal - shared,
      callsAnalysed: second.progress.callsTotal,
    });
    const usage = await env.admin.usage.summary.query();
    expect(usage.used).toBe(first.progress.callsTotal + second.progress.callsTotal - shared);
    expect(usage.runs.find((r) => r.runId === second.id)?.callsFree).toBe(shared);
  });

  it('a worker killed after charging, then restarted, charges nothing extra', {
    timeout: 60_000,
  }, async () => {
    await using env = await startRunEnv(quotaEnv(200));
    const queued = await env.startRun();
    await using child = spawnWorker(env.server.dataDir, env.workerEnv);
    while (!env.runRequests().some((r) => r.path === '/v2/calls/transcript')) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    child.kill('SIGKILL');
    await exited(child);
    expect((await env.admin.runs.get.query({ id: queued.id })).status).toBe('fetching');
    const charged = await quotaTables(env);
    expect(await countRows(env.server.database.db, 'quotaCharge')).toBe(200);

    await using _restarted = spawnWorker(env.server.dataDir, env.workerEnv);
    const run = await env.waitFor(queued.id, isFinished);
    expect(run.status).toBe('done');
    expect(await quotaTables(env)).toBe(charged);
    expect(run.quota).toMatchObject({ partial: true, used: 200, callsCharged: 200, callsSkipped: 100 });
    expect(run.totals?.callsAnalyzed).toBe(200);
  });

  it('replacing the Gong key 20 times leaves the quota counters exactly as they were', {
    timeout: 60_000,
  }, async () => {
    await using env = await startRunEnv({
      ...quotaEnv(1000),
      env: { CALLMINE_GONG_CONNECT_ATTEMPTS_PER_MINUTE: '1000' },
    });
    await env.startWorker();
    const done = await env.waitFor(
      (await env.startRun({ from: '2026-01-01', to: '2026-03-31' })).id,
      isFinished,
    );
    await setAllowanceOverride(
      env.server.database.db,
      (await env.admin.auth.session.query())!.workspace.id,
      500,
      new Date(),
    );
    const tablesBefore = await quotaTables(env);
    const usageBefore = await env.admin.usage.summary.query();
    expect(usageBefore).toMatchObject({ allowance: 500, used: done.progress.callsTotal });

    const key = env.key('primary');
    for (let i = 0; i < 20; i += 1) {
      const secretKey = i % 4 === 3 ? `wrong-${i}` : key.secretKey;
      await env.admin.integrations.gong.connectBasic
        .mutate({ accessKey: key.accessKey, secretKey, baseUrl: '' })
        .catch(() => undefined);
    }
    expect(await env.admin.integrations.gong.get.query()).toMatchObject({ status: 'connected', version: 16 });
    expect(await quotaTables(env)).toBe(tablesBefore);
    expect(await env.admin.usage.summary.query()).toEqual(usageBefore);

    // A run after the rotations over the same calls finds them charged this month: free.
    const again = await env.waitFor(
      (await env.startRun({ from: '2026-01-01', to: '2026-03-31' })).id,
      isFinished,
    );
    expect(again.quota).toMatchObject({ callsCharged: 0, callsAnalysed: done.progress.callsTotal });
    expect((await env.admin.usage.summary.query()).used).toBe(usageBefore.used);
  });
});
