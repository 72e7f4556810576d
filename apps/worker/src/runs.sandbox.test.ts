// Analysis runs end to end: started through the API, fetched by the worker from the Gong sandbox (1,000 calls)
// over real HTTP, stored in the real database (SQLite, and PostgreSQL in the "on PostgreSQL" project). Counts,
// never times.
import { and, count, eq, isNotNull, lt } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { busiestSecond } from './testing/measure.ts';
import { isFinished, RATE_PER_SECOND, startRunEnv } from './testing/run-env.ts';

describe('an analysis run over 1,000 sandbox calls', () => {
  it('fetches exactly the minimum, within the rate, and stores every transcript', async () => {
    await using env = await startRunEnv();
    const truth = env.sandbox.groundTruth('acme');
    const queued = await env.startRun();
    expect(queued.status).toBe('queued');
    const worker = await env.startWorker();
    const run = await env.waitFor(queued.id, isFinished);

    expect(run.status).toBe('done');
    expect(run.credentialVersion).toBe(1);
    expect(run.progress).toEqual({
      callsTotal: truth.callCount,
      listingDone: true,
      callsFetched: truth.callCount,
      callsAnalyzed: truth.callCount,
    });
    // Minimum for Gong's 100-record pages: the listing, then one transcript batch per 100 calls.
    const minimum = Math.ceil(truth.callCount / 100) * 2;
    const requests = env.runRequests();
    expect(requests).toHaveLength(minimum);
    expect(requests.filter((r) => r.status === 429)).toHaveLength(0);
    expect(busiestSecond(requests.map((r) => r.at))).toBeLessThanOrEqual(RATE_PER_SECOND);

    const { db } = worker.database;
    const cache = db.tables.gongTranscriptCache;
    const transcripts = await db
      .select({ monologues: cache.monologues })
      .from(cache)
      .where(isNotNull(cache.monologues));
    const stored = {
      n: transcripts.length,
      monologues: transcripts.reduce((sum, row) => sum + (row.monologues as unknown[]).length, 0),
    };
    expect(stored).toEqual({ n: truth.transcriptCount, monologues: truth.monologueCount });
    expect(run.totals).toMatchObject({ callsAnalyzed: truth.callCount, transcripts: truth.transcriptCount });
    expect(run.totals!.sentencesInternal + run.totals!.sentencesExternal).toBeGreaterThan(0);
    expect(run.totals!.sentencesInternal + run.totals!.sentencesExternal).toBeLessThanOrEqual(
      truth.sentenceCount,
    );

    // A second, overlapping run fetches no transcript again: only the listing.
    env.sandbox.requests.length = 0;
    const again = await env.startRun({ from: '2026-03-01', to: '2026-05-31' });
    const second = await env.waitFor(again.id, isFinished);
    expect(second.status).toBe('done');
    expect(env.runRequests().every((r) => r.path === '/v2/calls/extensive')).toBe(true);
    expect(second.totals!.callsAnalyzed).toBe(second.progress.callsTotal);
    expect(second.progress.callsTotal).toBeLessThan(truth.callCount);
  });

  it('ends with the same result through 429 storms and 5xx bursts', async () => {
    await using env = await startRunEnv();
    const clean = env.sandbox.groundTruth('acme');
    const queued = await env.startRun();
    // The storm says Retry-After: 0 (retry at once); the later pair makes the key really wait its second.
    env.sandbox.faults.rateLimitNext(5, 0);
    env.sandbox.faults.failNext(3, 503);
    env.sandbox.faults.rateLimitNext(2, 1);
    env.sandbox.faults.failNext(2, 500);
    await env.startWorker();
    const run = await env.waitFor(queued.id, isFinished);
    expect(run.status).toBe('done');
    expect(run.totals).toMatchObject({ callsAnalyzed: clean.callCount, transcripts: clean.transcriptCount });
    const answered = env.runRequests().filter((r) => r.status < 400 || r.status === 404);
    expect(answered).toHaveLength(Math.ceil(clean.callCount / 100) * 2);
    expect(env.runRequests().filter((r) => r.status === 429)).toHaveLength(7);
  });

  it('applies the filters and keeps the rest of the selection out', async () => {
    await using env = await startRunEnv({ calls: 300 });
    const queued = await env.startRun({ externalOnly: 'yes', minDurationMinutes: '20' });
    const worker = await env.startWorker();
    const run = await env.waitFor(queued.id, isFinished);
    expect(run.status).toBe('done');
    const { db } = worker.database;
    const { analysisRunCall: rc, gongCallCache: c } = db.tables;
    const [tooShort] = await db
      .select({ n: count() })
      .from(rc)
      .innerJoin(c, eq(c.callId, rc.callId))
      .where(and(eq(rc.runId, run.id), lt(c.durationSeconds, 1200)));
    expect(tooShort?.n).toBe(0);
    expect(run.progress.callsTotal).toBeGreaterThan(0);
    expect(run.progress.callsTotal).toBeLessThan(300);
    // Transcripts are fetched only for the selected calls.
    const transcripts = env.runRequests().filter((r) => r.path === '/v2/calls/transcript');
    expect(transcripts).toHaveLength(Math.ceil(run.progress.callsTotal / 100));
  });

  it('pauses, not fails, when the daily Gong budget is spent', async () => {
    await using env = await startRunEnv({ calls: 300, env: { CALLMINE_GONG_DAILY_BUDGET: '6' } });
    const queued = await env.startRun();
    await env.startWorker();
    const run = await env.waitFor(queued.id, (r) => r.pausedUntil !== null);
    expect(run.status).toBe('fetching');
    expect(run.error).toBeNull();
    // Connecting validated the key with two requests, counted in the same budget: four are left for the run.
    expect(env.runRequests()).toHaveLength(4);
    expect(run.progress.callsTotal).toBe(300);
  });

  it('is canceled by a member at its next checkpoint', async () => {
    await using env = await startRunEnv({ env: { CALLMINE_GONG_REQUESTS_PER_SECOND: '2' } });
    const queued = await env.startRun();
    await env.startWorker({ CALLMINE_GONG_REQUESTS_PER_SECOND: '2' });
    await env.waitFor(queued.id, (r) => r.status === 'fetching');
    const flagged = await env.admin.runs.cancel.mutate({ id: queued.id });
    expect(flagged.cancelRequested).toBe(true);
    const run = await env.waitFor(queued.id, isFinished);
    expect(run.status).toBe('canceled');
    expect(run.progress.callsFetched).toBeLessThan(1000);
  });
});
