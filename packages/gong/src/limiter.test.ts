import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './limiter.ts';
import { FakeClock, settle } from './test-support/fake-clock.ts';

/** Largest number of starts inside any half-open window [t, t + windowMs). */
function maxInWindow(starts: number[], windowMs: number): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    let j = i;
    while (j < sorted.length && sorted[j]! < sorted[i]! + windowMs) j += 1;
    best = Math.max(best, j - i);
  }
  return best;
}

describe('rate limiter', () => {
  it('never starts more than N requests in any window, and keeps the pace up', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ ratePerSecond: 3, clock });
    const t0 = clock.now();
    const starts: number[] = [];
    const jobs = Array.from({ length: 30 }, async () => {
      const release = await limiter.acquire('cred-1');
      starts.push(clock.now() - t0);
      release();
    });
    await clock.runUntilIdle();
    await Promise.all(jobs);
    expect(starts).toHaveLength(30);
    expect(maxInWindow(starts, 1000)).toBe(3);
    // 30 requests at 3 per second: the last group starts after 9 windows.
    expect(Math.max(...starts)).toBe(9000);
  });

  it('counts the window from the response, so slow responses never let Gong see a burst', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ ratePerSecond: 2, clock });
    const responses: number[] = [];
    const starts: number[] = [];
    const jobs = Array.from({ length: 4 }, async () => {
      const release = await limiter.acquire('k');
      starts.push(clock.now());
      await clock.sleep(700); // in flight: Gong may see it arrive at any moment until the response
      responses.push(clock.now());
      release();
    });
    await clock.runUntilIdle();
    await Promise.all(jobs);
    // The third request waits for the first response + one window, not for the first start + one window.
    expect(starts[2]! - responses[0]!).toBe(1000);
  });

  it('keeps keys independent', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ ratePerSecond: 1, clock });
    (await limiter.acquire('a'))();
    let bStarted = false;
    void limiter.acquire('b').then(() => {
      bStarted = true;
    });
    await settle();
    expect(bStarted).toBe(true);
  });

  it('pauses the whole key for Retry-After', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ ratePerSecond: 3, clock });
    const t0 = clock.now();
    limiter.pause('k', 5000);
    expect(limiter.pausedFor('k')).toBe(5000);
    const starts: number[] = [];
    const jobs = [1, 2].map(async () => {
      const release = await limiter.acquire('k');
      starts.push(clock.now() - t0);
      release();
    });
    await clock.runUntilIdle();
    await Promise.all(jobs);
    expect(starts).toEqual([5000, 5000]);
    expect(limiter.pausedFor('k')).toBe(0);
  });

  it('rejects queued requests instead of sleeping through a long pause', async () => {
    const clock = new FakeClock();
    const limiter = createRateLimiter({ ratePerSecond: 1, clock });
    const first = await limiter.acquire('k', 60_000);
    const queued = limiter.acquire('k', 60_000).catch((error: unknown) => error);
    await settle();
    limiter.pause('k', 3_600_000);
    first();
    await clock.runUntilIdle();
    expect(await queued).toMatchObject({ kind: 'rate-limited', retryAfterSeconds: 3600 });
  });

  it('refuses a nonsensical rate', () => {
    expect(() => createRateLimiter({ ratePerSecond: 0 })).toThrow(RangeError);
  });
});
