// The server's validation of a Gong key and the worker's run on that same key take turns in one shared limiter
// (both name the credential by a hash of its access key): together they never send Gong more than 3 requests in any
// second for it, and Gong answers no 429.
import { describe, expect, it } from 'vitest';
import { isFinished, startRunEnv } from '../testing/run-env.ts';

const RATE = 3;
const rated = { CALLMINE_GONG_REQUESTS_PER_SECOND: String(RATE) };

/** Most requests within any 1-second window. */
function peakPerSecond(times: number[]): number {
  const sorted = [...times].sort((x, y) => x - y);
  let peak = 0;
  for (let i = 0, j = 0; j < sorted.length; j += 1) {
    while (sorted[j]! - sorted[i]! >= 1000) i += 1;
    peak = Math.max(peak, j - i + 1);
  }
  return peak;
}

describe('one Gong limit for a validation and a run on the same key', () => {
  it('never more than 3 requests in any second at the sandbox, and no 429', { timeout: 90_000 }, async () => {
    await using env = await startRunEnv({
      env: rated,
      calls: 40,
      sandbox: { rateLimit: { perSecond: RATE, perDay: 1_000_000 } },
    });
    const queued = await env.startRun();
    env.sandbox.requests.length = 0;
    await env.startWorker(rated);
    while (env.runRequests().length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    // The admin saves the same key again while the run fetches: each save validates it against Gong.
    const primary = env.key('primary');
    for (let i = 0; i < 3; i += 1) {
      const view = await env.admin.integrations.gong.connectBasic.mutate({
        accessKey: primary.accessKey,
        secretKey: primary.secretKey,
        baseUrl: '',
      });
      expect(view).toMatchObject({ status: 'connected' });
    }
    const run = await env.waitFor(queued.id, isFinished, 60_000);
    expect(run).toMatchObject({ status: 'done', error: null });

    const seen = env.sandbox.requests.filter((r) => r.tenant === 'acme');
    const validations = seen.filter((r) => !r.path.startsWith('/v2/calls'));
    // Both sides really sent: three validations and the run's call pages.
    expect(validations.length).toBeGreaterThanOrEqual(3);
    expect(env.runRequests().length).toBeGreaterThanOrEqual(2);
    expect(seen.filter((r) => r.status === 429)).toHaveLength(0);
    expect(peakPerSecond(seen.map((r) => r.at))).toBeLessThanOrEqual(RATE);
  });
});
