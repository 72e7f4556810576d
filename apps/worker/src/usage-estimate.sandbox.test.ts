// usage.estimate against what a real run then charges: the same filters over the same cached calls.
import { afterEach, describe, expect, it } from 'vitest';
import { isFinished, type RunEnv, startRunEnv } from './testing/run-env.ts';
import { startTestWorker, type TestWorker } from './testing/test-worker.ts';

let env: RunEnv | undefined;
let worker: TestWorker | undefined;
afterEach(async () => {
  await worker?.close();
  await env?.close();
  worker = undefined;
  env = undefined;
});

const form = (from: string, to: string, extra: Record<string, string> = {}) => ({ from, to, ...extra });

describe('estimating a run’s charge', () => {
  it('is a lower bound until a listing covered the range, then exact, and agrees with what the run charges', async () => {
    env = await startRunEnv({ calls: 300, env: { CALLMINE_MONTHLY_CALL_QUOTA: '50' } });
    // Nothing cached yet: Callmine cannot know, so it says "at least 0" and does not warn.
    expect(await env.admin.usage.estimate.query(form('2026-01-01', '2026-03-31'))).toMatchObject({
      basis: 'lower-bound',
      newCalls: 0,
      covered: true,
      allowance: 50,
      remaining: 50,
    });

    worker = await startTestWorker(env.server.dataDir, env.workerEnv);
    const first = await env.waitFor((await env.startRun(form('2026-01-01', '2026-03-31'))).id, isFinished);
    expect(first.quota).toMatchObject({ callsCharged: 50, partial: true });
    const selected = first.progress.callsTotal;

    const same = await env.admin.usage.estimate.query(form('2026-01-01', '2026-03-31'));
    expect(same).toMatchObject({
      basis: 'exact',
      callsMatching: selected,
      callsAlreadyCharged: 50,
      newCalls: selected - 50,
      remaining: 0,
      covered: false,
    });
    // Reaching past the listed range: only a lower bound.
    expect((await env.admin.usage.estimate.query(form('2026-02-01', '2026-04-30'))).basis).toBe(
      'lower-bound',
    );

    // A filtered selection inside the covered range: the estimate counts what the run will select.
    const filtered = form('2026-02-01', '2026-02-28', { externalOnly: 'yes', minDurationMinutes: '20' });
    const estimate = await env.admin.usage.estimate.query(filtered);
    expect(estimate.basis).toBe('exact');
    expect(estimate.callsMatching).toBeGreaterThan(0);
    expect(estimate.callsMatching).toBeLessThan(selected);
    const run = await env.waitFor((await env.admin.runs.start.mutate(filtered)).id, isFinished);
    expect(run.quota?.callsSelected).toBe(estimate.callsMatching);
    expect(run.quota?.callsCharged).toBe(0);
    expect(run.quota?.callsAnalysed).toBe(estimate.callsAlreadyCharged);
  });
});
