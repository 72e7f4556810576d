// Kill -9 the worker process three times while it fetches, restart it each time: the stored data equal a clean
// run's, and nothing is counted twice. The only request a kill can waste is the one in flight at that moment.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { storedDigest } from './testing/measure.ts';
import { isFinished, type RunEnv, startRunEnv } from './testing/run-env.ts';
import { exited, spawnWorker } from './testing/spawn-worker.ts';

describe('a worker killed during fetching', () => {
  it('resumes from its checkpoints three times over and ends like a clean run', {
    timeout: 90_000,
  }, async () => {
    await using clean = await startRunEnv();
    const cleanRun = await clean.startRun();
    const worker = await clean.startWorker();
    const cleanDone = await clean.waitFor(cleanRun.id, isFinished);
    const cleanDigest = await storedDigest(worker, cleanRun.id);
    const cleanRequests = clean.runRequests().length;
    await worker.close();

    await using env = await startRunEnv();
    const queued = await env.startRun();
    let kills = 0;
    for (const killAt of [3, 8, 14]) {
      await using child = spawnWorker(env.server.dataDir, env.workerEnv);
      while (env.runRequests().length < killAt) await new Promise((resolve) => setTimeout(resolve, 2));
      child.kill('SIGKILL');
      await exited(child);
      kills += 1;
      const run = await env.admin.runs.get.query({ id: queued.id });
      expect(run.status).toBe('fetching');
      // Requests Gong answered that the run never checkpointed: at most the one in flight at each kill.
      const wasted = env.runRequests().length - (await readRequestsUsed(env, queued.id));
      expect(wasted).toBeGreaterThanOrEqual(0);
      expect(wasted).toBeLessThanOrEqual(kills);
    }
    await using last = spawnWorker(env.server.dataDir, env.workerEnv);
    const run = await env.waitFor(queued.id, isFinished);
    expect(run.status).toBe('done');
    expect(run.totals).toEqual(cleanDone.totals);
    expect(run.progress).toEqual(cleanDone.progress);
    expect(await readRequestsUsed(env, queued.id)).toBe(cleanRequests);
    expect(env.runRequests().length - cleanRequests).toBeLessThanOrEqual(kills);

    last.kill('SIGTERM');
    await exited(last);
    const reader = await env.startWorker();
    expect(await storedDigest(reader, queued.id)).toBe(cleanDigest);
  });
});

describe('a worker stopped with SIGTERM', () => {
  it('finishes the batch in hand, checkpoints it, gives the job back and exits cleanly', async () => {
    await using env = await startRunEnv({ env: { CALLMINE_GONG_REQUESTS_PER_SECOND: '5' } });
    const queued = await env.startRun();
    await using child = spawnWorker(env.server.dataDir, {
      ...env.workerEnv,
      CALLMINE_GONG_REQUESTS_PER_SECOND: '5',
    });
    while (env.runRequests().length < 6) await new Promise((resolve) => setTimeout(resolve, 2));
    child.kill('SIGTERM');
    await exited(child);
    expect(child.exitCode).toBe(0);
    // Nothing wasted: every request Gong answered is in a checkpoint.
    expect(await readRequestsUsed(env, queued.id)).toBe(env.runRequests().length);
    const { db } = env.server.database;
    const { job } = db.tables;
    const jobs = await db
      .select({ status: job.status, owner: job.leaseOwner, attempts: job.attempts, payload: job.payload })
      .from(job);
    const [ofRun] = jobs.filter((row) => (row.payload as { runId?: string }).runId === queued.id);
    expect(ofRun).toMatchObject({ status: 'queued', owner: null, attempts: 0 });
    expect((await env.admin.runs.get.query({ id: queued.id })).status).toBe('fetching');
  });
});

async function readRequestsUsed(env: RunEnv, runId: string): Promise<number> {
  const { db } = env.server.database;
  const { analysisRun } = db.tables;
  const [row] = await db
    .select({ n: analysisRun.requestsUsed })
    .from(analysisRun)
    .where(eq(analysisRun.id, runId))
    .limit(1);
  return row?.n ?? 0;
}
