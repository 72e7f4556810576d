// PostgreSQL going away mid-run (issue #19, "Bad input and faults"): a worker process whose database stops
// (`pg_ctl stop -m immediate`) twice during a run, once while it lists calls and once after it charged them, pauses
// and resumes when PostgreSQL is back. The process never exits, its log says so in one line each way (never the
// password), the run ends with the sandbox's ground truth, and every call is charged once.
// The cluster is this test's own: the shared test cluster is never stopped. It needs no CALLMINE_TEST_DIALECT (the
// server and worker get its URL), so it runs in the plain worker project only.

import { startPostgresCluster } from '@callmine/db/testing/cluster';
import { databaseUrl, onServer } from '@callmine/db/testing/postgres';
import { countRows } from '@callmine/server/testing';
import { describe, expect, it } from 'vitest';
import { isFinished, startRunEnv } from './testing/run-env.ts';
import { exited, spawnWorker } from './testing/spawn-worker.ts';

const PAUSED = 'database unavailable: jobs paused';
const RESUMED = 'database answers again: jobs resume';

const until = async (what: string, condition: () => boolean, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('PostgreSQL going away mid-run', () => {
  it('pauses the worker and resumes when it returns: nothing lost, nothing charged twice', {
    timeout: 150_000,
  }, async () => {
    // Durable: with asynchronous commit (the fast default for test clusters), a crash loses writes PostgreSQL had
    // acknowledged, which no production server does.
    await using cluster = await startPostgresCluster({ durable: true });
    await onServer(cluster.url, 'create database callmine');
    const url = databaseUrl(cluster.url, 'callmine');
    const password = decodeURIComponent(new URL(url).password);
    await using env = await startRunEnv({
      env: { CALLMINE_DATABASE_URL: url, CALLMINE_MONTHLY_CALL_QUOTA: '5000' },
    });
    const truth = env.sandbox.groundTruth('acme');
    const queued = await env.startRun();

    const logLines: string[] = [];
    // 4 requests/second: 20 requests (10 listing pages, 10 transcript batches) take about 5 s, long enough to
    // stop PostgreSQL in either phase.
    const worker = spawnWorker(
      env.server.dataDir,
      { ...env.workerEnv, CALLMINE_GONG_REQUESTS_PER_SECOND: '4' },
      { logLines },
    );
    await using _worker = {
      [Symbol.asyncDispose]: async () => {
        worker.kill('SIGKILL');
        await exited(worker);
      },
    };
    const count = (text: string) => logLines.filter((line) => line.includes(text)).length;

    // Once while listing (before any charge), once while fetching transcripts (after the charges).
    for (const [outage, stopAt] of [
      [1, 4],
      [2, 14],
    ] as const) {
      await until(`request ${stopAt}`, () => env.runRequests().length >= stopAt);
      await cluster.kill();
      await until(`pause ${outage}`, () => count(PAUSED) >= outage);
      // Down long enough that the worker's requests, heartbeats and claims fail repeatedly.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(worker.exitCode).toBeNull();
      await cluster.restart();
      await until(`resume ${outage}`, () => count(RESUMED) >= outage);
    }

    const run = await env.waitFor(queued.id, isFinished, 60_000);
    expect(worker.exitCode).toBeNull();
    expect(worker.signalCode).toBeNull();
    expect(run.status).toBe('done');
    expect(run.progress).toEqual({
      callsTotal: truth.callCount,
      listingDone: true,
      callsFetched: truth.callCount,
      callsAnalyzed: truth.callCount,
    });
    expect(run.totals).toMatchObject({ callsAnalyzed: truth.callCount, transcripts: truth.transcriptCount });
    // Every call charged once: the run's own verdict and the ledger agree with the sandbox.
    expect(run.quota).toMatchObject({
      partial: false,
      callsSelected: truth.callCount,
      callsCharged: truth.callCount,
      callsSkipped: 0,
      used: truth.callCount,
    });
    const { db } = env.server.database;
    expect(await countRows(db, 'quotaCharge')).toBe(truth.callCount);
    expect(await countRows(db, 'runQuotaCall')).toBe(truth.callCount);
    expect(await countRows(db, 'report')).toBe(1);

    // One line each way per outage (no crash loop, no line per retry), no attempt spent, never the password.
    expect(count(PAUSED)).toBe(2);
    expect(count(RESUMED)).toBe(2);
    expect(count('"job failed"')).toBe(0);
    for (const line of [...logLines, ...env.server.logLines]) expect(line).not.toContain(password);
  });
});
