// Issue #19: at 200 workspaces, runs died "Could not reach Gong" after their job attempts, on connections the
// sandbox closed under a busy worker (UND_ERR_SOCKET: a reused keep-alive socket) and on timeouts. Dropped
// connections are now retried inside the Gong client: the run ends done, like a clean run, on its first attempt.
import { describe, expect, it } from 'vitest';
import { isFinished, startRunEnv } from './testing/run-env.ts';

describe('a run whose Gong connections drop', () => {
  it('ends done with a clean run’s totals, without a job retry', { timeout: 60_000 }, async () => {
    await using clean = await startRunEnv({ calls: 200 });
    const cleanRun = await clean.startRun();
    await clean.startWorker();
    const cleanDone = await clean.waitFor(cleanRun.id, isFinished);
    expect(cleanDone.status).toBe('done');

    await using env = await startRunEnv({ calls: 200 });
    const queued = await env.startRun();
    // The run's first two requests, and two more mid-run, get their connection destroyed without an answer.
    env.sandbox.faults.dropNext(2);
    const worker = await env.startWorker();
    while (env.runRequests().length < 4) await new Promise((resolve) => setTimeout(resolve, 2));
    env.sandbox.faults.dropNext(2);
    const run = await env.waitFor(queued.id, isFinished);
    expect(run.status).toBe('done');
    expect(run.totals).toEqual(cleanDone.totals);
    expect(run.progress).toEqual(cleanDone.progress);
    expect(env.runRequests().filter((request) => request.status === 500)).toHaveLength(4);
    // Retried inside the client: no request reached the run as a failure, and the job never failed (no attempt spent).
    const warned = worker.logLines
      .map((line) => JSON.parse(line) as { msg?: string })
      .map((line) => line.msg);
    expect(warned).not.toContain('gong request failed');
    expect(warned).not.toContain('job failed');
  });
});
